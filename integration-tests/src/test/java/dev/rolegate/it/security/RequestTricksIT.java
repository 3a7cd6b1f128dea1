package dev.rolegate.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.it.FreePorts;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Method and header tricks against the real JDK {@code HttpServer} (the inventory sample) with the real
 * agent, callers simulated by this JVM with real tokens. orders may only {@code GET /items/*}: no HEAD,
 * no other method. Each refused request is shown never to have reached a handler.
 */
class RequestTricksIT {
    @TempDir
    static Path dir;
    private static PolicyServerProcess server;
    private static Inventory inventory;
    private static String ordersToken;

    @BeforeAll
    static void start() {
        int port = FreePorts.next();
        String policy = TestPolicy.empty()
                .service("inventory", port, "GET /health")
                .identity("orders", "job")
                .role("getter", "inventory", List.of("GET"), List.of("/items", "/items/{id}"))
                .bind("getter", "orders")
                .yaml();
        server = PolicyServerProcess.start(dir.resolve("server"), policy, "inventory", "orders");
        inventory = Inventory.start(port, server.agentFor("inventory"), Map.of());
        inventory.awaitHealthy();
        ordersToken = Tokens.fetch(server.url(), "orders", server.secretOf("orders"), "inventory");
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

    private static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(inventory.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return PlainHttp.send(b);
    }

    @Test
    void controlAllowsGetWithTheToken() throws Exception {
        HttpResponse<String> r = send("GET", "/items/1", "Rolegate-Token", ordersToken);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(inventory.handled("GET", "/items/1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"})
    void methodOverrideToDeleteOnAnAllowedGetIsRefused403(String header) throws Exception {
        HttpResponse<String> r = send("GET", "/items/2", "Rolegate-Token", ordersToken, header, "DELETE");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(inventory.handled("GET", "/items/2")).isFalse();
    }

    @Test
    void lowerCaseMethodOverrideIsCheckedAsUpperCaseToo() throws Exception {
        HttpResponse<String> r = send("GET", "/items/3", "Rolegate-Token", ordersToken, "X-HTTP-Method-Override", "delete");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(inventory.handled("GET", "/items/3")).isFalse();
    }

    @Test
    void headIsRefusedWhenOnlyGetIsAllowed() throws Exception {
        HttpResponse<String> r = send("HEAD", "/items/1", "Rolegate-Token", ordersToken);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(inventory.handled("HEAD", "/items/1")).isFalse();
    }

    @Test
    void unknownMethodIsRefused403() throws Exception {
        List<Integer> statuses = RawHttp.exchange(inventory.port(),
                RawHttp.request("FROBNICATE", "/items/1", "Rolegate-Token: " + ordersToken, "Connection: close"), 5_000);

        assertThat(statuses).containsExactly(403);
        assertThat(inventory.handled("FROBNICATE", "/items/1")).isFalse();
    }

    @Test
    void lowerCaseGetIsNotGetAndIsRefused403() throws Exception {
        List<Integer> statuses = RawHttp.exchange(inventory.port(),
                RawHttp.request("get", "/items/1", "Rolegate-Token: " + ordersToken, "Connection: close"), 5_000);

        assertThat(statuses).containsExactly(403);
        assertThat(inventory.handled("get", "/items/1")).isFalse();
    }

    @Test
    void twoValidTokenHeadersAreRefused401() throws Exception {
        List<Integer> statuses = RawHttp.exchange(inventory.port(), RawHttp.request("GET", "/items/4",
                "Rolegate-Token: " + ordersToken, "Rolegate-Token: " + ordersToken, "Connection: close"), 5_000);

        assertThat(statuses).containsExactly(401);
        assertThat(inventory.handled("GET", "/items/4")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r", "\r\n "})
    void aTokenSplitByCrOrLfNeverAuthenticates(String breaker) throws Exception {
        String split = ordersToken.substring(0, 40) + breaker + ordersToken.substring(40);
        List<Integer> statuses = RawHttp.exchange(inventory.port(),
                RawHttp.request("GET", "/items/5", "Rolegate-Token: " + split, "Connection: close"), 5_000);

        assertThat(statuses).as("a request with a broken token header got a success").noneMatch(s -> s < 300);
        assertThat(inventory.handled("GET", "/items/5")).isFalse();
    }

    @Test
    void aForgedCallerHeaderInjectedAfterTheTokenIsRemoved() throws Exception {
        List<Integer> statuses = RawHttp.exchange(inventory.port(), RawHttp.request("GET", "/items/7",
                "Rolegate-Token: " + ordersToken, "Rolegate-Caller: admin", "Connection: close"), 5_000);

        assertThat(statuses).containsExactly(200);
        assertThat(inventory.handled("GET", "/items/7")).isTrue();
        assertThat(inventory.process().stdout().contains("caller=admin")).isFalse();
    }

    @Test
    void pipelinedRequestsAreDecidedEachOnItsOwnToken() throws Exception {
        String first = RawHttp.request("GET", "/items/1?pipelined=1", "Rolegate-Token: " + ordersToken);
        String second = RawHttp.request("GET", "/items/99", "Connection: close");

        List<Integer> statuses = RawHttp.exchange(inventory.port(), first + second, 10_000);

        assertThat(statuses).containsExactly(200, 401);
        assertThat(inventory.handled("GET", "/items/99")).isFalse();
    }

    @Test
    void anOversizedTokenHeaderIsRefusedWithA4xxAndNoHandlerRuns() throws Exception {
        String huge = ordersToken + "A".repeat(64 * 1024);
        List<Integer> statuses = RawHttp.exchange(inventory.port(),
                RawHttp.request("GET", "/items/8", "Rolegate-Token: " + huge, "Connection: close"), 10_000);

        assertThat(statuses).hasSize(1);
        assertThat(statuses.get(0)).isBetween(400, 499);
        assertThat(inventory.handled("GET", "/items/8")).isFalse();
    }

    @Test
    void aTokenInTheQueryStringIsIgnored() throws Exception {
        HttpResponse<String> r = send("GET", "/items/6?access_token=" + ordersToken + "&Rolegate-Token=" + ordersToken);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(inventory.handled("GET", "/items/6")).isFalse();
    }
}
