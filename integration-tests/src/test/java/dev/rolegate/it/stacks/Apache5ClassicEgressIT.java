package dev.rolegate.it.stacks;

/** {@link EgressSuite} on the classic Apache HttpClient 5 (test-apps/client-apache5, variant {@code classic}). */
class Apache5ClassicEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache5", "testapp.apache5.Main", "classic");
    }
}
