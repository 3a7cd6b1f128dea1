package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent attaches a token only to a destination listed in some service's {@code addresses}
 * (CONTRACT section 4). orders calls a capture server in the test JVM (which has no agent) that
 * records the headers it receives.
 */
class OutboundTokenScopeIT {
    private static final String TOKEN_HEADER = "Rolegate-Token";

    @TempDir
    static Path dir;

    private static PolicyServerProcess server;
    private static CaptureServer unlisted;
    private static CaptureServer listed;
    private static int ordersPort;
    private JavaProcess orders;

    @BeforeAll
    static void start() {
        unlisted = CaptureServer.start();
        listed = CaptureServer.start();
        ordersPort = FreePorts.next();
        // The listed capture server plays inventory; the unlisted one is named nowhere in the policy.
        TestPolicy policy = TestPolicy.empty()
                .service("inventory", listed.port(), "GET /health")
                .service("orders", ordersPort, "GET /health", "GET /orders/{id}")
                .role("inventory-reader", "inventory", List.of("GET"), List.of("/items/{id}"))
                .bind("inventory-reader", "orders");
        server = PolicyServerProcess.start(dir.resolve("server"), policy.yaml(), "orders", "inventory");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (unlisted != null) {
            unlisted.close();
        }
        if (listed != null) {
            listed.close();
        }
    }

    @BeforeEach
    void noOrdersYet() {
        orders = null;
    }

    @AfterEach
    void stopOrders() {
        if (orders != null) {
            orders.close();
        }
    }

    @Test
    void noTokenIsSentToAHostThatIsNotListed() throws Exception {
        JsonNode answer = orderSeenThrough(unlisted);

        assertThat(answer.path("inventoryStatus").asInt()).isEqualTo(200);
        List<CaptureServer.Received> received = unlisted.received();
        assertThat(received).extracting(CaptureServer.Received::path).containsExactly("/items/7");
        assertThat(received.get(0).hasHeader(TOKEN_HEADER)).as("headers: %s", received.get(0).headers()).isFalse();
        assertThat(received.get(0).hasHeader("Authorization")).as("headers: %s", received.get(0).headers()).isFalse();
    }

    @Test
    void tokenForTheServiceIsSentToAListedAddress() throws Exception {
        JsonNode answer = orderSeenThrough(listed);

        assertThat(answer.path("inventoryStatus").asInt()).isEqualTo(200);
        List<CaptureServer.Received> received = listed.received();
        assertThat(received).extracting(CaptureServer.Received::path).containsExactly("/items/7");
        String token = received.get(0).header(TOKEN_HEADER);
        assertThat(token).as("headers: %s", received.get(0).headers()).isNotNull();
        String[] parts = token.split("\\.");
        assertThat(parts).as("a compact JWS").hasSize(3);
        JsonNode claims = AuditRecords.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("sub").asText()).isEqualTo("orders");
        assertThat(claims.path("aud").asText()).isEqualTo("inventory");
    }

    /** Starts orders with INVENTORY_URL at {@code capture} and reads order 7 through its public endpoint. */
    private JsonNode orderSeenThrough(CaptureServer capture) throws Exception {
        orders = SampleApps.withAgent(SampleApps.orders(ordersPort, "http://127.0.0.1:" + capture.port()),
                server.agentFor("orders")).start();
        SampleApps.awaitHealthy(orders, ordersPort);

        HttpResponse<String> response = PlainHttp.get("http://127.0.0.1:" + ordersPort + "/orders/7");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AuditRecords.parse(response.body());
    }
}
