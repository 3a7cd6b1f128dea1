package dev.rolegate.it.stacks;

/** {@link EgressSuite} on the async Apache HttpClient 5 (test-apps/client-apache5, variant {@code async}). */
class Apache5AsyncEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache5", "testapp.apache5.Main", "async");
    }
}
