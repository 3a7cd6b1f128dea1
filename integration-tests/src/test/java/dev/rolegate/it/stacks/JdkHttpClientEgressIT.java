package dev.rolegate.it.stacks;

/** {@link EgressSuite} on {@code java.net.http.HttpClient} over HTTP/1.1 (test-apps/client-jdk, variant {@code h1}). */
class JdkHttpClientEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "h1");
    }
}
