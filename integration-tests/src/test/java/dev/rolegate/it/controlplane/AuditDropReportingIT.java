package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the real server is down, the real agent's bounded shipping queue (ROLEGATE_AUDIT_SHIP_QUEUE=100)
 * overflows: the drops are counted, logged with their number, and reported in the heartbeats that
 * reach the server once it is back, where GET /v1/agents shows them as auditDropped.
 */
class AuditDropReportingIT {
    private static final Pattern DROP_LINE =
            Pattern.compile("decision records not shipped to the policy server: .* \\((\\d+) dropped in total so far\\)");

    @TempDir
    Path dir;

    private static JsonNode inventoryEntry(PolicyServerProcess server) {
        for (JsonNode agent : ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/agents", null, null).body())) {
            if (agent.path("identity").asText().equals("inventory")) {
                return agent;
            }
        }
        return null;
    }

    @Test
    void dropsWhileTheServerIsDownAreCountedLoggedAndReportedInTheFleet() {
        int port = FreePorts.next();
        PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(port, true).yaml(),
                Map.of("ROLEGATE_PORT", Integer.toString(FreePorts.next())), "inventory", "orders");
        Map<String, String> reporting = new HashMap<>(ControlPlane.FAST_REPORTING);
        reporting.put("ROLEGATE_AUDIT_SHIP_QUEUE", "100");
        try (JavaProcess inventory = ControlPlane.inventory(port, server.agentFor("inventory"), reporting)) {
            await("inventory in the fleet").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> inventoryEntry(server) != null);
            assertThat(inventoryEntry(server).path("auditDropped").asLong()).isZero();

            server.close();
            String url = "http://127.0.0.1:" + port + "/items";
            for (int i = 0; i < 400; i++) {
                assertThat(ControlPlane.getWithToken(url, "")).as("no token, decided from the policy in memory")
                        .isEqualTo(401);
            }
            Matcher logged = inventory.awaitOutput(DROP_LINE, Duration.ofSeconds(30));
            long loggedCount = Long.parseLong(logged.group(1));
            assertThat(loggedCount).isPositive();

            try (JavaProcess restarted = ServerRestart.sameAddress(server)) {
                await("the drops in GET /v1/agents").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            JsonNode entry = inventoryEntry(server);
                            return entry != null && entry.path("auditDropped").asLong() >= loggedCount;
                        });
                assertThat(restarted.isAlive()).isTrue();
            }
        } finally {
            server.close();
        }
    }
}
