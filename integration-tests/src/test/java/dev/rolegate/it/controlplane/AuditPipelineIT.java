package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Decision records and heartbeats travel from the real agent to the real server and back out of the admin API. */
class AuditPipelineIT {
    @TempDir
    static Path dir;
    static PolicyServerProcess server;
    static JavaProcess inventory;
    static int port;

    @BeforeAll
    static void start() {
        port = FreePorts.next();
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(port, true).yaml(),
                "inventory", "orders", "visitor");
        inventory = ControlPlane.inventory(port, server.agentFor("inventory"), ControlPlane.FAST_REPORTING);
    }

    @AfterAll
    static void stop() {
        if (inventory != null) {
            inventory.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private JsonNode audit(String query) {
        return ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/audit?" + query, null, null).body());
    }

    @Test
    void shipsADenyThatTheAdminCanQueryByCallerAndDecision() {
        String token = ControlPlane.token(server, "visitor", "inventory");
        assertThat(ControlPlane.getWithToken("http://127.0.0.1:" + port + "/items", token)).isEqualTo(403);

        await("the deny in GET /v1/audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> audit("decision=deny&caller=visitor&service=inventory").size() >= 1);
        JsonNode r = audit("decision=deny&caller=visitor&service=inventory").get(0);
        assertThat(r.path("status").asInt()).isEqualTo(403);
        assertThat(r.path("path").asText()).isEqualTo("/items");
    }

    @Test
    void shipsAnAllowWithItsGrantingRole() {
        String token = ControlPlane.token(server, "orders", "inventory");
        assertThat(ControlPlane.getWithToken("http://127.0.0.1:" + port + "/items/7", token)).isEqualTo(200);

        await("the allow in GET /v1/audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> audit("decision=allow&caller=orders").size() >= 1);
        assertThat(audit("decision=allow&caller=orders").get(0).path("role").asText()).isEqualTo("inventory-reader");
    }

    @Test
    void listsTheAgentWithItsRevisionInTheFleet() {
        await("inventory in GET /v1/agents").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/agents", null, null).body())
                        .findValuesAsText("identity").contains("inventory"));
        JsonNode agent = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/agents", null, null).body()).get(0);
        assertThat(agent.path("mode").asText()).isEqualTo("enforce");
        assertThat(agent.path("current").asBoolean()).isTrue();
        assertThat(agent.path("pid").asLong()).isPositive();
        assertThat(agent.path("auditDropped").asLong()).isZero();
        assertThat(agent.path("agentVersion").asText()).as("the build's version").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(agent.path("host").asText()).isNotBlank();
        assertThat(agent.path("lastSeen").asText()).isNotBlank();
        assertThat(agent.path("revision").asLong()).isPositive();
    }

    @Test
    void explainsADecisionThroughCheck() {
        JsonNode r = ControlPlane.json(ControlPlane.admin(server, "GET",
                "/v1/check?identity=visitor&service=inventory&method=GET&path=/items", null, null).body());

        assertThat(r.path("decision").asText()).isEqualTo("deny");
        assertThat(r.path("reason").asText()).contains("visitor");
    }

    @Test
    void exposesControlPlaneMetrics() {
        String token = ControlPlane.token(server, "visitor", "inventory");
        ControlPlane.getWithToken("http://127.0.0.1:" + port + "/items", token);

        await("denies counted in /metrics").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ControlPlane.admin(server, "GET", "/metrics", null, null).body()
                        .contains("rolegate_denies_total{service=\"inventory\"}"));
        String metrics = ControlPlane.admin(server, "GET", "/metrics", null, null).body();
        assertThat(metrics).contains("rolegate_tokens_issued_total{audience=\"inventory\",identity=\"visitor\"}")
                .contains("rolegate_policy_revision").contains("rolegate_policy_watchers")
                .contains("rolegate_audit_records_received_total");
    }

    private static double metric(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + " (\\S+)$").matcher(ControlPlane.admin(server, "GET", "/metrics", null, null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void metricsShowTheActiveRevisionAndTheWatchingAgent() {
        long active = ControlPlane.json(ControlPlane.admin(server, "GET", "/healthz", null, null).body())
                .path("revision").asLong();

        assertThat(metric("rolegate_policy_revision")).isEqualTo(active);
        // The agent long-polls; between two polls it is briefly not counted.
        await("the inventory agent counted as a watcher").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> metric("rolegate_policy_watchers") >= 1);
    }
}
