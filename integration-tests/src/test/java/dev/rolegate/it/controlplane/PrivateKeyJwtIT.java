package dev.rolegate.it.controlplane;

import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.Jars;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent with ROLEGATE_KEY_FILE and no secret authenticates every call to the server with
 * private_key_jwt: it fetches and enforces the policy and reports heartbeats and decision records.
 */
class PrivateKeyJwtIT {
    @TempDir
    Path dir;

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    void agentWithOnlyAKeyFileGetsThePolicyAndReportsToTheServer() throws Exception {
        int port = FreePorts.next();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Path privateKey = Files.writeString(dir.resolve("inventory.key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path publicKey = Files.writeString(dir.resolve("inventory.pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(port, true).yaml(), "orders")) {
            try (JavaProcess add = JavaProcess.builder("credentials-add-key").jar(Jars.server())
                    .args("credentials", "add", "inventory", "--public-key", publicKey.toString(),
                            "--file", server.policyFile().resolveSibling("credentials.yaml").toString())
                    .start()) {
                assertThat(add.awaitExit(Duration.ofSeconds(60))).as(add.describe()).isZero();
            }
            Map<String, String> env = new LinkedHashMap<>(server.agentFor("orders").env());
            env.put("ROLEGATE_IDENTITY", "inventory");
            env.remove("ROLEGATE_SECRET");
            env.put("ROLEGATE_KEY_FILE", privateKey.toString());
            env.putAll(ControlPlane.FAST_REPORTING);

            try (JavaProcess inventory = ControlPlane.inventory(port,
                    dev.rolegate.it.AgentSettings.as("inventory", server.url()), env)) {
                String token = ControlPlane.token(server, "orders", "inventory");
                assertThat(ControlPlane.getWithToken("http://127.0.0.1:" + port + "/items", token)).isEqualTo(200);

                await("inventory's heartbeat and allow record").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> ControlPlane.admin(server, "GET", "/v1/agents", null, null).body().contains("inventory")
                                && ControlPlane.json(ControlPlane.admin(server, "GET",
                                "/v1/audit?service=inventory&caller=orders", null, null).body()).size() >= 1);
                assertThat(inventory.describe()).as("no startup line may claim the key is unusable")
                        .doesNotContain("cannot fetch policy").doesNotContain("not yet supported");
            }
        }
    }
}
