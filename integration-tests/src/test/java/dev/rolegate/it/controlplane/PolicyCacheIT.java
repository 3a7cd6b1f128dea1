package dev.rolegate.it.controlplane;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.JavaProcess.Builder;
import dev.rolegate.it.Jars;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real agent keeps the last good signed bundle and keys in ROLEGATE_CACHE_DIR: restarted with
 * the server unreachable it enforces from the cache only after checking its signature, and a
 * tampered cache is rejected and logged (the agent then fails closed with 503).
 */
class PolicyCacheIT {
    @TempDir
    Path dir;

    /** Runs inventory once against a live server so that the cache is written; returns its settings. */
    private AgentSettings warmCache(int port) {
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(port, true).yaml(), "inventory", "orders")) {
            AgentSettings agent = server.agentFor("inventory");
            try (JavaProcess inventory = ControlPlane.inventory(port, agent, Map.of())) {
                assertThat(inventory.isAlive()).isTrue();
            }
            return agent;
        }
    }

    /** inventory with the agent, without waiting for health (it may fail closed). */
    private static JavaProcess startInventory(int port, AgentSettings agent) {
        Builder b = JavaProcess.builder("inventory-offline")
                .mainClass(Jars.samples(), "com.example.inventory.InventoryService")
                .env("PORT", Integer.toString(port))
                .agent(Jars.agent())
                .env(agent.env());
        JavaProcess p = b.start();
        p.awaitStdout(Pattern.compile("listening on http://127\\.0\\.0\\.1:" + port), ControlPlane.STARTUP);
        return p;
    }

    private static int status(String url) {
        try {
            return PlainHttp.get(url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean logged(JavaProcess p, String text) {
        return p.stderr().contains(text) || p.stdout().contains(text);
    }

    private static Path cacheDir(AgentSettings agent) {
        return Path.of(agent.env().get("ROLEGATE_CACHE_DIR"));
    }

    @Test
    void enforcesFromTheVerifiedCacheWhenTheServerIsUnreachableAtRestart() {
        int port = FreePorts.next();
        AgentSettings agent = warmCache(port);

        try (JavaProcess inventory = startInventory(port, agent)) {
            String base = "http://127.0.0.1:" + port;
            await("public /health from the cached policy").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> status(base + "/health") == 200);
            // Enforcing, not failing closed: no token is 401, not 503.
            assertThat(status(base + "/items")).isEqualTo(401);
            assertThat(logged(inventory, "enforcing cached policy rev")).isTrue();
        }
    }

    @Test
    void rejectsAndLogsATamperedCacheAndFailsClosed() throws Exception {
        int port = FreePorts.next();
        AgentSettings agent = warmCache(port);
        Path bundle = cacheDir(agent).resolve("policy.jws");
        String[] parts = Files.readString(bundle, StandardCharsets.US_ASCII).strip().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        // Grant visitor the reader role inside the signed payload, keeping the old signature.
        String forged = payload.replace("\"orders\"]", "\"orders\",\"visitor\"]");
        assertThat(forged).isNotEqualTo(payload);
        Files.writeString(bundle, parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);

        try (JavaProcess inventory = startInventory(port, agent)) {
            await("the rejection logged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> logged(inventory, "rejected the cached policy"));
            assertThat(status("http://127.0.0.1:" + port + "/health")).isEqualTo(503);
        }
    }
}
