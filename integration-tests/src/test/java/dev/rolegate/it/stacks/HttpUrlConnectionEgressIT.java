package dev.rolegate.it.stacks;

/** {@link EgressSuite} on {@code java.net.HttpURLConnection} (test-apps/client-jdk, variant {@code urlconnection}). */
class HttpUrlConnectionEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "urlconnection");
    }
}
