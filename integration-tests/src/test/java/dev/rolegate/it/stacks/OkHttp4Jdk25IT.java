package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on OkHttp 4 under JDK 25 (test-apps/client-okhttp4; skipped where JDK 25 is missing). */
class OkHttp4Jdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-okhttp4", "testapp.okhttp4.Main").onJdk25();
    }
}
