package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on {@code java.net.HttpURLConnection} (test-apps/client-jdk, variant {@code urlconnection}). */
class HttpUrlConnectionClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "urlconnection");
    }
}
