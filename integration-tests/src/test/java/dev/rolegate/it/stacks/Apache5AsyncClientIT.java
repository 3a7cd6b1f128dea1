package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on the async Apache HttpClient 5 (test-apps/client-apache5, variant {@code async}). */
class Apache5AsyncClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache5", "testapp.apache5.Main", "async");
    }
}
