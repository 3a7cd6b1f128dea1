package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing the policy file changes running agents' decisions within seconds (CONTRACT sections 4
 * and 7), for a grant and for a revocation, without restarting anything.
 *
 * <p>orders' restock endpoint is public in these policies, so that the test JVM (no agent) can
 * make orders do its POST to inventory, which is then decided by inventory's agent on orders'
 * token.
 */
class PolicyReloadIT {
    private static final Duration TAKES_EFFECT_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static PolicyServerProcess server;
    private static JavaProcess inventory;
    private static JavaProcess orders;
    private static int inventoryPort;
    private static int ordersPort;

    @BeforeAll
    static void start() {
        inventoryPort = FreePorts.next();
        ordersPort = FreePorts.next();
        server = PolicyServerProcess.start(dir.resolve("server"), policy(false).yaml(), "orders", "inventory");
        inventory = SampleApps.withAgent(SampleApps.inventory(inventoryPort), server.agentFor("inventory")).start();
        orders = SampleApps.withAgent(SampleApps.orders(ordersPort, "http://127.0.0.1:" + inventoryPort),
                server.agentFor("orders")).start();
        SampleApps.awaitHealthy(inventory, inventoryPort);
        SampleApps.awaitHealthy(orders, ordersPort);
    }

    @AfterAll
    static void stop() {
        if (orders != null) {
            orders.close();
        }
        if (inventory != null) {
            inventory.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Every test starts from the policy without the grant, in force. */
    @BeforeEach
    void withoutGrant() {
        server.writePolicy(policy(false).yaml());
        await("the policy without the grant to be in force").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> inventoryStatusOfRestock(1), status -> status == 403);
    }

    @Test
    void grantAddedToThePolicyFileTakesEffectWithinSeconds() throws Exception {
        assertThat(inventoryStatusOfRestock(2)).isEqualTo(403);

        server.writePolicy(policy(true).yaml());

        await("the grant to take effect").atMost(TAKES_EFFECT_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> inventoryStatusOfRestock(2), status -> status == 200);
        SampleApps.syncOutput(inventory, inventoryPort);
        assertThat(inventory.stdout().contains("inventory handled POST /items/2 caller=orders")).isTrue();
    }

    @Test
    void grantRemovedFromThePolicyFileTakesEffectBeforeTheTokenExpires() throws Exception {
        server.writePolicy(policy(true).yaml());
        await("the grant to take effect").atMost(TAKES_EFFECT_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> inventoryStatusOfRestock(3), status -> status == 200);

        server.writePolicy(policy(false).yaml());

        // orders still holds a token naming inventory-writer (300 s lifetime): inventory must
        // intersect its roles with the current bindings.
        await("the revocation to take effect").atMost(TAKES_EFFECT_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> inventoryStatusOfRestock(3), status -> status == 403);
    }

    /** Asks orders to restock item {@code id}; the status inventory gave orders' POST. */
    private static int inventoryStatusOfRestock(int id) throws Exception {
        HttpResponse<String> response = PlainHttp.post("http://127.0.0.1:" + ordersPort + "/orders/" + id + "/restock", "");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 502);
        JsonNode body = AuditRecords.parse(response.body());
        return body.path("inventoryStatus").asInt();
    }

    private static TestPolicy policy(boolean ordersMayWrite) {
        TestPolicy policy = TestPolicy.empty()
                .service("inventory", inventoryPort, "GET /health")
                .service("orders", ordersPort, "GET /health", "POST /orders/{id}/restock")
                .role("inventory-reader", "inventory", List.of("GET"), List.of("/items", "/items/{id}"))
                .bind("inventory-reader", "orders");
        if (ordersMayWrite) {
            policy.role("inventory-writer", "inventory", List.of("POST"), List.of("/items/{id}"))
                    .bind("inventory-writer", "orders");
        }
        return policy;
    }
}
