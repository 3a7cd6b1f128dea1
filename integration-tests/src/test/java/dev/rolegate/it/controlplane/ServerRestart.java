package dev.rolegate.it.controlplane;

import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.Jars;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Starts the real server again after {@link PolicyServerProcess#close()}, on the same port with the
 * same policy file, credentials and data dir (and so the same secrets and keys), as an operator's
 * restart would: agents that knew the old process reach the new one at the same address.
 */
final class ServerRestart {
    private ServerRestart() {
    }

    /** {@code server} must have been started with a fixed ROLEGATE_PORT. */
    static JavaProcess sameAddress(PolicyServerProcess server) {
        Path dir = server.policyFile().getParent();
        JavaProcess p = JavaProcess.builder("policy-server-restarted")
                .jar(Jars.server())
                .args("serve")
                .env("ROLEGATE_PORT", Integer.toString(server.port()))
                .env("ROLEGATE_BIND", "127.0.0.1")
                .env("ROLEGATE_POLICY", server.policyFile().toString())
                .env("ROLEGATE_CREDENTIALS", dir.resolve("credentials.yaml").toString())
                .env("ROLEGATE_DATA_DIR", dir.resolve("data").toString())
                .env("ROLEGATE_ADMIN_SECRET", server.adminSecret())
                .start();
        try {
            p.awaitOutput(Pattern.compile("Rolegate policy server listening on"), ControlPlane.STARTUP);
            await("restarted policy server /healthz").atMost(ControlPlane.STARTUP).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> PlainHttp.get(server.url() + "/healthz").statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }
}
