package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on the classic Apache HttpClient 5 (test-apps/client-apache5, variant {@code classic}). */
class Apache5ClassicClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache5", "testapp.apache5.Main", "classic");
    }
}
