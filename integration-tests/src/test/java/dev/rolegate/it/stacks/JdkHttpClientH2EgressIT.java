package dev.rolegate.it.stacks;

/** {@link EgressSuite} on {@code java.net.http.HttpClient} asking for HTTP/2 (test-apps/client-jdk, variant {@code h2}). */
class JdkHttpClientH2EgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "h2");
    }
}
