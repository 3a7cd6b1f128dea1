package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbound decisions of CONTRACT section 5 and the decision records of section 6, end to end:
 * real policy server, inventory and orders with the real agent, callers in their own JVMs.
 */
class AccessControlIT {
    private static final String PROBLEM_JSON = "application/problem+json";

    @TempDir
    static Path dir;

    private static ServiceLandscape landscape;

    @BeforeAll
    static void startLandscape() {
        landscape = ServiceLandscape.start(dir, Jars.defaultJavaHome(), TestPolicy::demoLike);
    }

    @AfterAll
    static void stopLandscape() {
        if (landscape != null) {
            landscape.close();
        }
    }

    @Test
    void allowedCallReachesTheApplicationWithRolegateCaller() {
        FetchResult result = landscape.fetchAs("nightly-report", "GET", landscape.ordersUrl() + "/orders/7");

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode body = AuditRecords.parse(result.body());
        assertThat(body.path("seenCaller").asText()).isEqualTo("nightly-report");
        assertThat(body.path("inventoryStatus").asInt()).isEqualTo(200);
        assertThat(body.at("/inventory/seenCaller").asText())
                .as("the caller inventory saw on orders' outbound call").isEqualTo("orders");
        assertThat(landscape.ordersSynced().stdout().contains("orders handled GET /orders/7 caller=nightly-report")).isTrue();
        assertThat(landscape.inventorySynced().stdout().contains("inventory handled GET /items/7 caller=orders")).isTrue();
    }

    @Test
    void forbiddenCallGets403ProblemJsonAndNeverReachesTheHandler() {
        FetchResult result = landscape.fetchAs("nightly-report", "POST", landscape.inventoryUrl() + "/items/3",
                "{\"add\":1}");

        assertThat(result.status()).as(result.body()).isEqualTo(403);
        assertThat(result.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = AuditRecords.parse(result.body());
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains("nightly-report", "POST", "/items/3", "inventory");
        assertThat(landscape.inventorySynced().stdout().contains("inventory handled POST /items/3"))
                .as("inventory's handler ran for the denied request").isFalse();
    }

    @Test
    void callWithoutAgentGets401WithBearerChallenge() throws Exception {
        HttpResponse<String> response = PlainHttp.get(landscape.inventoryUrl() + "/items/4");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"rolegate\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = AuditRecords.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(landscape.inventorySynced().stdout().contains("inventory handled GET /items/4"))
                .as("inventory's handler ran for the request without a token").isFalse();
    }

    @Test
    void publicPathWithoutTokenGets200() throws Exception {
        String handled = "orders handled GET /health caller=anonymous";
        long before = landscape.orders().stdout().count(handled);

        HttpResponse<String> response = PlainHttp.get(landscape.ordersUrl() + "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        await("orders to log the call").atMost(Duration.ofSeconds(10))
                .until(() -> landscape.orders().stdout().count(handled), count -> count > before);
    }

    @Test
    void identityWithoutAnyRoleGets403() {
        List<String> report = landscape.runReportAs("visitor");

        assertThat(SampleApps.reportedStatus(report, "GET " + landscape.inventoryUrl() + "/items")).isEqualTo(403);
        assertThat(SampleApps.reportedStatus(report, "GET " + landscape.ordersUrl() + "/orders/7")).isEqualTo(403);
        assertThat(landscape.inventorySynced().stdout().contains("caller=visitor")).as("inventory ran a handler for visitor").isFalse();
        assertThat(landscape.ordersSynced().stdout().contains("caller=visitor")).as("orders ran a handler for visitor").isFalse();
    }

    @Test
    void ordersReportsInventorysDenialOfItsOwnCallAs502() {
        FetchResult result = landscape.fetchAs("nightly-report", "POST", landscape.ordersUrl() + "/orders/5/restock");

        assertThat(result.status()).as(result.body()).isEqualTo(502);
        JsonNode body = AuditRecords.parse(result.body());
        assertThat(body.path("seenCaller").asText()).isEqualTo("nightly-report");
        assertThat(body.path("inventoryStatus").asInt()).isEqualTo(403);
        assertThat(body.path("inventoryContentType").asText()).startsWith(PROBLEM_JSON);
        assertThat(body.at("/inventory/detail").asText()).contains("orders", "POST", "/items/5");
        assertThat(landscape.inventorySynced().stdout().contains("inventory handled POST /items/5")).isFalse();
    }

    @Test
    void decisionRecordsHoldAllowAndDenyWithTheContractFields() {
        List<String> report = landscape.runReportAs("nightly-report");
        assertThat(SampleApps.reportedStatus(report, "GET " + landscape.inventoryUrl() + "/items")).isEqualTo(200);
        assertThat(SampleApps.reportedStatus(report, "POST " + landscape.inventoryUrl() + "/items/1")).isEqualTo(403);

        JsonNode allow = awaitRecord("allow", "GET", "/items");
        JsonNode deny = awaitRecord("deny", "POST", "/items/1");

        for (JsonNode record : List.of(allow, deny)) {
            assertThat(record.fieldNames()).toIterable().contains(
                    "ts", "service", "decision", "status", "caller", "roles", "role", "method", "path", "reason", "rev", "mode");
            assertThat(Instant.parse(record.path("ts").asText())).isBetween(Instant.now().minusSeconds(120), Instant.now());
            assertThat(record.path("service").asText()).isEqualTo("inventory");
            assertThat(record.path("caller").asText()).isEqualTo("nightly-report");
            assertThat(record.path("roles").isArray()).isTrue();
            assertThat(record.path("rev").isIntegralNumber()).as("rev is a number: %s", record).isTrue();
            assertThat(record.path("mode").asText()).isEqualTo("enforce");
        }
        assertThat(allow.path("role").asText()).isEqualTo("inventory-reader");
        assertThat(allow.path("roles")).extracting(JsonNode::asText).contains("inventory-reader");
        assertThat(deny.path("status").asInt()).isEqualTo(403);
        assertThat(deny.path("role").isNull()).as("role of a deny: %s", deny).isTrue();
        assertThat(deny.path("reason").asText()).contains("nightly-report", "POST", "/items/1");
    }

    private static JsonNode awaitRecord(String decision, String method, String path) {
        return await("a " + decision + " record for nightly-report " + method + " " + path)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> AuditRecords.read(landscape.inventoryAudit()).stream()
                                .filter(r -> r.path("decision").asText().equals(decision)
                                        && r.path("caller").asText().equals("nightly-report")
                                        && r.path("method").asText().equals(method)
                                        && r.path("path").asText().equals(path))
                                .findFirst().orElse(null),
                        record -> record != null);
    }
}
