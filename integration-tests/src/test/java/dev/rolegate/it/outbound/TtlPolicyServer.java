package dev.rolegate.it.outbound;

import static org.awaitility.Awaitility.await;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.Jars;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real policy server that issues tokens with a chosen lifetime ({@code ROLEGATE_TOKEN_TTL}) and
 * that a test can take down, as an outage would.
 *
 * <p>{@link PolicyServerProcess} creates the credentials, keys and data directory on a first run;
 * this class stops that run and serves the same files on the same port with the lifetime asked for
 * (so the agent settings of {@link PolicyServerProcess#agentFor} stay right).
 */
final class TtlPolicyServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern SERIES = Pattern.compile("(?m)^rolegate_tokens_issued_total\\{([^}]*)} (\\S+)");

    private final PolicyServerProcess first;
    private final JavaProcess serving;

    private TtlPolicyServer(PolicyServerProcess first, JavaProcess serving) {
        this.first = first;
        this.serving = serving;
    }

    /** Starts a server on {@code policyYaml} whose tokens live {@code ttlSeconds} (5 to 86400). */
    static TtlPolicyServer start(Path dir, String policyYaml, int ttlSeconds, String... identities) {
        PolicyServerProcess first = PolicyServerProcess.start(dir, policyYaml, identities);
        first.close();
        JavaProcess serving = JavaProcess.builder("policy-server-ttl-" + ttlSeconds)
                .jar(Jars.server())
                .args("serve")
                .env("ROLEGATE_PORT", Integer.toString(first.port()))
                .env("ROLEGATE_BIND", "127.0.0.1")
                .env("ROLEGATE_POLICY", first.policyFile().toString())
                .env("ROLEGATE_CREDENTIALS", dir.resolve("credentials.yaml").toString())
                .env("ROLEGATE_DATA_DIR", dir.resolve("data").toString())
                .env("ROLEGATE_ADMIN_SECRET", first.adminSecret())
                .env("ROLEGATE_TOKEN_TTL", Integer.toString(ttlSeconds))
                .start();
        TtlPolicyServer server = new TtlPolicyServer(first, serving);
        try {
            await("policy server with token TTL " + ttlSeconds + " s to answer /healthz").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast("policy server exited", () -> {
                        if (!serving.isAlive()) {
                            throw new AssertionError(serving.describe());
                        }
                    })
                    .until(() -> PlainHttp.get(server.url() + "/healthz").statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            serving.close();
            throw e;
        }
        return server;
    }

    String url() {
        return first.url();
    }

    /** Agent settings for {@code identity} against this server. */
    AgentSettings agentFor(String identity) {
        return first.agentFor(identity);
    }

    /**
     * How many tokens the server has issued to {@code identity} for {@code audience}, from its
     * {@code rolegate_tokens_issued_total} counter (0 before the first).
     */
    double tokensIssued(String identity, String audience) {
        String metrics;
        try {
            metrics = PlainHttp.get(url() + "/metrics").body();
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        // Whatever the label order: the one series with both labels.
        Matcher line = SERIES.matcher(metrics);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("audience=\"" + audience + "\"") && labels.contains("identity=\"" + identity + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    /** Takes the server down at once (SIGKILL), as a crash or a network outage would. */
    void kill() {
        serving.kill();
    }

    @Override
    public void close() {
        serving.close();
    }
}
