package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on {@code java.net.http.HttpClient} asking for HTTP/2, on JDK 25
 * (test-apps/client-jdk, variant {@code h2}).
 */
class JdkHttpClientH2Jdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "h2").onJdk25();
    }
}
