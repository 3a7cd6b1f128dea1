package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no policy server and no cache, the application still starts, and in enforce mode every
 * request is answered 503 problem+json before any application code runs (CONTRACT section 5, row 1).
 */
class AgentWithoutPolicyServerIT {
    /** Generous for a JVM with an agent on a busy two-core machine, far below any network timeout. */
    private static final Duration PROMPT_STARTUP = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private JavaProcess inventory;

    @AfterEach
    void stopInventory() {
        if (inventory != null) {
            inventory.close();
        }
    }

    @Test
    void answers503ProblemJsonInEnforceModeWhenNoPolicyWasEverLoaded() throws Exception {
        int port = FreePorts.next();
        String nobodyListens = "http://127.0.0.1:" + FreePorts.next();
        inventory = startInventory(port, nobodyListens);
        inventory.awaitStdout(Pattern.compile("listening on"), SampleApps.STARTUP);

        assertAnswered503(PlainHttp.get("http://127.0.0.1:" + port + "/items"));
        assertAnswered503(PlainHttp.get("http://127.0.0.1:" + port + "/health"));
        inventory.close(); // and read all it printed
        assertThat(inventory.stdout().contains("inventory handled")).as("an inventory handler ran").isFalse();
    }

    @Test
    void unresponsivePolicyServerDoesNotDelayStartup() throws Exception {
        // Accepts connections (the kernel completes the handshake) and never answers a byte.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = FreePorts.next();
            inventory = startInventory(port, "http://127.0.0.1:" + silent.getLocalPort());

            inventory.awaitStdout(Pattern.compile("listening on"), PROMPT_STARTUP);

            assertAnswered503(PlainHttp.get("http://127.0.0.1:" + port + "/items"));
        } catch (IOException e) {
            throw new AssertionError("the test's silent server could not be opened", e);
        }
    }

    private JavaProcess startInventory(int port, String serverUrl) {
        AgentSettings agent = AgentSettings.as("inventory", serverUrl)
                .secret("no-server-will-check-this")
                .mode("enforce")
                .cacheDir(dir.resolve("empty-cache"));
        return SampleApps.withAgent(SampleApps.inventory(port), agent).start();
    }

    private static void assertAnswered503(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = AuditRecords.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("title").asText()).isNotBlank();
    }
}
