package dev.rolegate.it.controlplane;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent with an identity but no secret or key file works from its verified cache only: it
 * says so once, keeps enforcing, and sends no heartbeats (which the server would refuse with 401).
 */
class AgentWithoutCredentialsIT {
    @TempDir
    Path dir;

    private static int fleetSize(PolicyServerProcess server) {
        return ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/agents", null, null).body()).size();
    }

    @Test
    void sendsNoHeartbeatsAndEnforcesFromItsCache() throws Exception {
        int port = FreePorts.next();
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(port, true).yaml(), "inventory", "orders")) {
            Path cache = Files.createDirectories(dir.resolve("inventory-cache"));
            try (JavaProcess withSecret = ControlPlane.inventory(port,
                    server.agentFor("inventory").cacheDir(cache), ControlPlane.FAST_REPORTING)) {
                await("the first agent in the fleet").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> fleetSize(server) == 1);
            }

            Map<String, String> env = new HashMap<>(ControlPlane.FAST_REPORTING);
            env.put("ROLEGATE_CACHE_DIR", cache.toString());
            try (JavaProcess noSecret = ControlPlane.inventory(port, AgentSettings.as("inventory", server.url()), env)) {
                noSecret.awaitOutput(Pattern.compile("works from its cache only"), Duration.ofSeconds(30));
                assertThat(ControlPlane.getWithToken("http://127.0.0.1:" + port + "/items", ""))
                        .as("enforced from the cache").isEqualTo(401);

                // Heartbeats would go every second: over three seconds none may arrive or be refused.
                await("no heartbeat from the agent without credentials").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(250))
                        .until(() -> fleetSize(server) == 1 && !noSecret.stdout().contains("heartbeat refused")
                                && !noSecret.stderr().contains("heartbeat refused"));
                assertThat(noSecret.stderr().count("works from its cache only")
                        + noSecret.stdout().count("works from its cache only")).isEqualTo(1);
            }
        }
    }
}
