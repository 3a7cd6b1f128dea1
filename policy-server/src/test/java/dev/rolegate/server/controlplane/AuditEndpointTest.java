package dev.rolegate.server.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEndpointTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String record(String ts, String service, String decision, String caller) {
        return "{\"ts\":\"" + ts + "\",\"service\":\"" + service + "\",\"decision\":\"" + decision
                + "\",\"status\":403,\"caller\":\"" + caller + "\",\"roles\":[],\"role\":null,\"method\":\"GET\","
                + "\"path\":\"/items\",\"reason\":\"r\",\"rev\":1,\"mode\":\"enforce\"}";
    }

    private void ship(String identity, String... records) throws Exception {
        HttpResponse<String> r = server.postAs(identity, "/v1/audit", "[" + String.join(",", records) + "]");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void storesShippedRecordsAsJsonLinesInDataDir() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        ship("orders", record("2026-12-03T18:00:00.000Z", "orders", "deny", "visitor"));

        String stored = Files.readString(server.dataDir.resolve("audit").resolve("audit.jsonl"));
        assertThat(stored.lines()).hasSize(1);
        assertThat(TestServer.json(stored.strip()).path("caller").asText()).isEqualTo("visitor");
    }

    @Test
    void filtersByDecisionCallerAndServiceOldestFirst() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        ship("orders",
                record("2026-12-03T18:00:01.000Z", "orders", "deny", "visitor"),
                record("2026-12-03T18:00:02.000Z", "orders", "allow", "nightly-report"),
                record("2026-12-03T18:00:03.000Z", "orders", "deny", "visitor"));

        JsonNode r = TestServer.json(server.admin("GET", "/v1/audit?decision=deny&caller=visitor&service=orders", null)
                .body());

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.get(0).path("ts").asText()).isEqualTo("2026-12-03T18:00:01.000Z");
        assertThat(r.get(1).path("ts").asText()).isEqualTo("2026-12-03T18:00:03.000Z");
    }

    @Test
    void sinceAndLimitPageForwardFromAnInstant() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        ship("orders",
                record("2026-12-03T18:00:01.000Z", "orders", "deny", "visitor"),
                record("2026-12-03T18:00:02.000Z", "orders", "deny", "visitor"),
                record("2026-12-03T18:00:03.000Z", "orders", "deny", "visitor"));

        JsonNode r = TestServer.json(server.admin("GET", "/v1/audit?since=2026-12-03T18:00:02Z&limit=1", null).body());

        assertThat(r.size()).isEqualTo(1);
        assertThat(r.get(0).path("ts").asText()).isEqualTo("2026-12-03T18:00:02.000Z");
    }

    @Test
    void withoutSinceLimitKeepsTheLatestRecords() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        ship("orders",
                record("2026-12-03T18:00:01.000Z", "orders", "deny", "visitor"),
                record("2026-12-03T18:00:02.000Z", "orders", "deny", "visitor"),
                record("2026-12-03T18:00:03.000Z", "orders", "deny", "visitor"));

        JsonNode r = TestServer.json(server.admin("GET", "/v1/audit?limit=2", null).body());

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.get(0).path("ts").asText()).isEqualTo("2026-12-03T18:00:02.000Z");
    }

    @Test
    void refusesRecordsWrittenInAnotherServicesName() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        HttpResponse<String> r = server.postAs("orders", "/v1/audit",
                "[" + record("2026-12-03T18:00:01.000Z", "inventory", "deny", "visitor") + "]");

        assertThat(TestServer.json(r.body()).path("rejected").asInt()).isEqualTo(1);
        assertThat(TestServer.json(server.admin("GET", "/v1/audit", null).body()).size()).isZero();
    }

    @Test
    void shippingNeedsClientCredentials() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/audit"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[]")).build());

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void queryNeedsAdminSecret() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(server.adminAs("nope", "GET", "/v1/audit", null).statusCode()).isEqualTo(401);
    }

    @Test
    void countsReceivedRecordsAndDeniesPerServiceInMetrics() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        ship("orders", record("2026-12-03T18:00:01.000Z", "orders", "deny", "visitor"));

        String metrics = server.get("/metrics").body();

        assertThat(metrics).contains("rolegate_audit_records_received_total{decision=\"deny\",service=\"orders\"} 1.0");
        assertThat(metrics).contains("rolegate_denies_total{service=\"orders\"} 1.0");
    }
}
