package dev.rolegate.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.TestPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults with real processes: the policy server killed (SIGKILL) and restarted on its files, agents
 * restarted while it is down. orders may GET /items/*; the "grant" revision lets it POST as well.
 */
class PolicyServerFaultsIT {
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private RestartableServer server;
    private Inventory inventory;
    private Inventory second;
    private int port;

    private String policy(boolean grantPost) {
        return TestPolicy.empty()
                .service("inventory", port, "GET /health")
                .identity("orders", "job")
                .role("stock", "inventory", grantPost ? List.of("GET", "POST") : List.of("GET"), List.of("/items/{id}"))
                .bind("stock", "orders")
                .yaml();
    }

    private void startAll(Path cacheDir) {
        port = FreePorts.next();
        server = RestartableServer.start(dir.resolve("server"), policy(false), "inventory", "orders");
        inventory = startInventory(port, cacheDir);
        inventory.awaitHealthy();
    }

    private Inventory startInventory(int onPort, Path cacheDir) {
        AgentSettings agent = AgentSettings.as("inventory", server.url())
                .secret(server.first().secretOf("inventory")).cacheDir(cacheDir);
        return Inventory.start(onPort, agent, Map.of());
    }

    private String ordersToken() {
        return Tokens.fetch(server.url(), "orders", server.first().secretOf("orders"), "inventory");
    }

    private static int call(String url, String method, String token) throws IOException, InterruptedException {
        return PlainHttp.send(HttpRequest.newBuilder(URI.create(url)).header("Rolegate-Token", token)
                .method(method, HttpRequest.BodyPublishers.ofString("{\"add\":1}"))).statusCode();
    }

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (inventory != null) {
            inventory.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void serverKilledMidWatchThenRestartedAgentPicksUpTheNewRevision() throws Exception {
        startAll(dir.resolve("cache"));
        String token = ordersToken();
        assertThat(call(inventory.url() + "/items/1", "POST", token)).isEqualTo(403);

        server.kill();
        server.first().writePolicy(policy(true));
        assertThat(call(inventory.url() + "/items/1", "GET", token)).as("enforcing from memory while down").isEqualTo(200);
        server.restart();

        await("the agent to pick up the revision that grants POST").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> call(inventory.url() + "/items/1", "POST", token) == 200);
        assertThat(inventory.handled("POST", "/items/1")).isTrue();
    }

    @Test
    void agentRestartedWhileTheServerIsDownEnforcesItsCachedPolicy() throws Exception {
        Path cache = dir.resolve("cache");
        startAll(cache);
        String token = ordersToken();
        inventory.close();
        server.kill();

        inventory = startInventory(port, cache);
        inventory.process().awaitOutput(Pattern.compile("enforcing cached policy rev"), RECOVERY);

        assertThat(call(inventory.url() + "/items/2", "GET", token)).isEqualTo(200);
        assertThat(call(inventory.url() + "/items/2", "POST", token)).isEqualTo(403);
        assertThat(inventory.handled("POST", "/items/2")).isFalse();
    }

    @Test
    void tokensIssuedBeforeAServerRestartStillVerifyBecauseTheKeysPersisted() throws Exception {
        startAll(dir.resolve("cache"));
        String before = ordersToken();

        server.kill();
        server.restart();
        // A fresh agent (same identity, another port) knows only the keys the restarted server publishes.
        second = startInventory(FreePorts.next(), dir.resolve("cache-second"));
        second.awaitHealthy();

        assertThat(call(second.url() + "/items/3", "GET", before)).isEqualTo(200);
        assertThat(call(inventory.url() + "/items/3", "GET", before)).isEqualTo(200);
    }
}
