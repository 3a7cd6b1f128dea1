package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on the async Apache HttpClient 5 under JDK 25 (test-apps/client-apache5, variant {@code async}; skipped where JDK 25 is missing). */
class Apache5AsyncJdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache5", "testapp.apache5.Main", "async").onJdk25();
    }
}
