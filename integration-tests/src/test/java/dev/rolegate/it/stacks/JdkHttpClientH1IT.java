package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on {@code java.net.http.HttpClient} over HTTP/1.1 (test-apps/client-jdk, variant {@code h1}). */
class JdkHttpClientH1IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "h1");
    }
}
