package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ROLEGATE_KEY_ROTATION rotates the real server's signing key on its own (here every 15 s, the
 * shortest schedule a 5 s token lifetime allows), and calls through the real agent keep passing
 * while tokens move to the new key.
 */
class ScheduledKeyRotationIT {
    @TempDir
    Path dir;

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return ControlPlane.json(header).path("kid").asText();
    }

    @Test
    void rotatesOnScheduleWhileEveryCallThroughTheAgentPasses() {
        int port = FreePorts.next();
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(port, true).yaml(),
                Map.of("ROLEGATE_KEY_ROTATION", "15s", "ROLEGATE_TOKEN_TTL", "5"), "inventory", "orders");
             JavaProcess inventory = ControlPlane.inventory(port, server.agentFor("inventory"), Map.of())) {
            String url = "http://127.0.0.1:" + port + "/items";
            String firstKid = kid(ControlPlane.token(server, "orders", "inventory"));
            List<String> failures = new ArrayList<>();
            int[] calls = {0};

            await("a token signed with a key made by the schedule").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        // A token costs a PBKDF2 check on the server: use each for several calls.
                        String token = ControlPlane.token(server, "orders", "inventory");
                        for (int i = 0; i < 10; i++) {
                            calls[0]++;
                            int status = ControlPlane.getWithToken(url, token);
                            if (status != 200) {
                                failures.add(kid(token) + " -> " + status);
                            }
                        }
                        return !kid(token).equals(firstKid);
                    });

            System.out.println("scheduled key rotation: " + calls[0] + " calls, " + failures.size() + " failed");
            assertThat(failures).as("calls that failed across the scheduled rotation").isEmpty();
            JsonNode history = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions", null, null)
                    .body());
            assertThat(history.findValuesAsText("author")).as("the re-published revision names the schedule")
                    .contains("schedule");
            assertThat(KeysRotateCommandIT.publishedKids(server)).hasSize(2);
        }
    }
}
