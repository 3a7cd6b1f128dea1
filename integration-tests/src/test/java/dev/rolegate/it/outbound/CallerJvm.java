package dev.rolegate.it.outbound;

import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.stacks.ClientApp;
import dev.rolegate.it.stacks.StackApp;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK client test app (test-apps/client-jdk; by default {@code java.net.http} over HTTP/1.1) running with
 * the real agent as identity {@code caller}: single calls through {@link ClientApp}, and bursts of
 * concurrent calls through both JDK clients at once.
 */
final class CallerJvm implements AutoCloseable {
    static final String TOKEN_HEADER = "Rolegate-Token";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Pattern READY = Pattern.compile("^READY\\b");

    private final JavaProcess process;
    private final ClientApp client;
    private int bursts;

    private CallerJvm(JavaProcess process) {
        this.process = process;
        this.client = new ClientApp(process);
    }

    /** Starts the app with the agent configured by {@code agentEnvironment}; waits for READY. */
    static CallerJvm start(String name, Map<String, String> agentEnvironment) {
        return start(name, "h1", agentEnvironment);
    }

    /** As {@link #start(String, Map)}, with the app's {@code variant} ({@code h1}, {@code h2}, {@code urlconnection}). */
    static CallerJvm start(String name, String variant, Map<String, String> agentEnvironment) {
        JavaProcess process = StackApp.of("client-jdk", "testapp.jdk.Main", variant).withAgent(name)
                .env(agentEnvironment)
                .start();
        try {
            process.awaitStdout(READY, STARTUP);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
        return new CallerJvm(process);
    }

    ClientApp client() {
        return client;
    }

    JavaProcess process() {
        return process;
    }

    /**
     * {@code n} GETs released at the same moment, each from its own thread, half through
     * {@code java.net.http.HttpClient} and half through {@code HttpURLConnection}, to
     * {@code <urlPrefix><i>}.
     *
     * @return how many were answered 200
     */
    int burst(int n, String urlPrefix) {
        String id = "b" + (++bursts);
        process.writeLine(id + " BURST " + n + " " + urlPrefix);
        Matcher done = process.awaitStdout(Pattern.compile("^BURST " + id + " (\\d+) (\\d+)$"), Duration.ofSeconds(120));
        return Integer.parseInt(done.group(1));
    }

    @Override
    public void close() {
        process.close();
    }
}
