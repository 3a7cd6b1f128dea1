package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on {@code java.net.HttpURLConnection} on JDK 25 (test-apps/client-jdk,
 * variant {@code urlconnection}).
 */
class HttpUrlConnectionJdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "urlconnection").onJdk25();
    }
}
