package dev.rolegate.it.security;

import static org.awaitility.Awaitility.await;

import dev.rolegate.it.Jars;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A policy server that can be killed and started again on the same port and the same files (policy,
 * credentials, data directory with its signing keys), as an operator's restart would. The first run
 * is a {@link PolicyServerProcess}, which creates the credentials.
 */
final class RestartableServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private final Path dir;
    private final PolicyServerProcess first;
    private JavaProcess restarted;

    private RestartableServer(Path dir, PolicyServerProcess first) {
        this.dir = dir;
        this.first = first;
    }

    static RestartableServer start(Path dir, String policyYaml, String... identities) {
        return new RestartableServer(dir, PolicyServerProcess.start(dir, policyYaml, identities));
    }

    PolicyServerProcess first() {
        return first;
    }

    String url() {
        return first.url();
    }

    /** Kills the running server (SIGKILL of the process tree, like a crash). */
    void kill() {
        if (restarted != null) {
            restarted.close();
            restarted = null;
        } else {
            first.close();
        }
    }

    /** Starts the server again on the same port and files; waits for /healthz. */
    void restart() {
        restarted = JavaProcess.builder("policy-server-restarted")
                .jar(Jars.server())
                .args("serve")
                .env("ROLEGATE_PORT", Integer.toString(first.port()))
                .env("ROLEGATE_BIND", "127.0.0.1")
                .env("ROLEGATE_POLICY", first.policyFile().toString())
                .env("ROLEGATE_CREDENTIALS", dir.resolve("credentials.yaml").toString())
                .env("ROLEGATE_DATA_DIR", dir.resolve("data").toString())
                .env("ROLEGATE_ADMIN_SECRET", first.adminSecret())
                .start();
        await("restarted policy server /healthz").atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("restarted policy server exited", () -> {
                    if (!restarted.isAlive()) {
                        throw new AssertionError(restarted.describe());
                    }
                })
                .until(() -> PlainHttp.get(url() + "/healthz").statusCode() == 200);
    }

    @Override
    public void close() {
        if (restarted != null) {
            restarted.close();
        }
        first.close();
    }
}
