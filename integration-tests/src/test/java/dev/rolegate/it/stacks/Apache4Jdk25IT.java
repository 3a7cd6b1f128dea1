package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on Apache HttpClient 4.5 under JDK 25 (test-apps/client-apache4; skipped where JDK 25 is missing). */
class Apache4Jdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache4", "testapp.apache4.Main").onJdk25();
    }
}
