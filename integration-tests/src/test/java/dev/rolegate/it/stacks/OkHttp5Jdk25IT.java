package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on OkHttp 5.5 under JDK 25 (test-apps/client-okhttp5; skipped where JDK 25 is missing). */
class OkHttp5Jdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-okhttp5", "testapp.okhttp5.Main").onJdk25();
    }
}
