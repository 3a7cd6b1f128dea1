package dev.rolegate.it.controlplane;

import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No call fails while the signing key rotates: tokens from before, during and after all pass the real agent. */
class KeyRotationIT {
    @TempDir
    Path dir;

    private static String kid(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        return ControlPlane.json(header).path("kid").asText();
    }

    @Test
    void continuousCallsAllSucceedAcrossAKeyRotation() {
        int port = FreePorts.next();
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(port, true).yaml(), "inventory", "orders");
             JavaProcess inventory = ControlPlane.inventory(port, server.agentFor("inventory"), java.util.Map.of())) {
            String url = "http://127.0.0.1:" + port + "/items";
            String oldToken = ControlPlane.token(server, "orders", "inventory");
            String oldKid = kid(oldToken);
            List<String> failures = new ArrayList<>();
            int[] calls = {0};
            int[] newKeyCalls = {0};

            HttpResponse<String> rotate = ControlPlane.admin(server, "POST", "/v1/keys/rotate", null, null);
            assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(200);
            String newKid = ControlPlane.json(rotate.body()).path("kid").asText();

            // Keep calling with fresh tokens and the pre-rotation one until the new key has signed
            // tokens for a while; every single call must pass.
            await("tokens signed with the new key to be used").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        String fresh = ControlPlane.token(server, "orders", "inventory");
                        for (String t : List.of(fresh, oldToken)) {
                            calls[0]++;
                            int status = ControlPlane.getWithToken(url, t);
                            if (status != 200) {
                                failures.add(kid(t) + " -> " + status);
                            }
                        }
                        if (kid(fresh).equals(newKid)) {
                            newKeyCalls[0]++;
                        }
                        return newKeyCalls[0] >= 20;
                    });

            System.out.println("key rotation: " + calls[0] + " calls, " + failures.size() + " failed");
            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(failures).as("calls that failed during the rotation").isEmpty();
        }
    }
}
