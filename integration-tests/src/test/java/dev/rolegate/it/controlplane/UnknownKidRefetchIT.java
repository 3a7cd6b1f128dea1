package dev.rolegate.it.controlplane;

import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens naming signing keys the agent does not know make it refetch the real server's JWKS, but at
 * most once per 5 seconds however many arrive: counted by the server's rolegate_jwks_requests_total.
 */
class UnknownKidRefetchIT {
    static final long REFETCH_INTERVAL_MILLIS = 5_000;
    private static final Pattern JWKS_REQUESTS = Pattern.compile("(?m)^rolegate_jwks_requests_total (\\S+)$");

    @TempDir
    Path dir;

    static long jwksRequests(PolicyServerProcess server) {
        Matcher m = JWKS_REQUESTS.matcher(ControlPlane.admin(server, "GET", "/metrics", null, null).body());
        assertThat(m.find()).as("rolegate_jwks_requests_total in /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** A real token with its header's kid replaced: an unknown key to the agent (and a bad signature). */
    static String withKid(String token, String kid) {
        int dot = token.indexOf('.');
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        String forged = header.replaceFirst("\"kid\"\\s*:\\s*\"[^\"]*\"", "\"kid\":\"" + kid + "\"");
        assertThat(forged).isNotEqualTo(header);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + token.substring(dot);
    }

    @Test
    void aBurstOfUnknownKidsRefetchesTheKeysAtMostOncePerFiveSeconds() {
        int port = FreePorts.next();
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(port, true).yaml(), "inventory", "orders");
             JavaProcess inventory = ControlPlane.inventory(port, server.agentFor("inventory"), Map.of())) {
            String url = "http://127.0.0.1:" + port + "/items";
            String token = ControlPlane.token(server, "orders", "inventory");
            long before = jwksRequests(server);

            // Forged tokens until the agent has refetched at least once (its start-up fetch may have
            // been less than 5 s ago) and at least 60 have been sent.
            long start = System.nanoTime();
            int[] sent = {0};
            await("the agent refetches the keys").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        sent[0]++;
                        assertThat(ControlPlane.getWithToken(url, withKid(token, "unknown-" + UUID.randomUUID())))
                                .as("a token naming an unknown key").isEqualTo(401);
                        return sent[0] >= 60 && jwksRequests(server) > before;
                    });
            long burstMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            long allowed = burstMillis / REFETCH_INTERVAL_MILLIS + 1;

            await("no more refetches than the limit allows").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> jwksRequests(server) - before <= allowed);
            System.out.println("unknown kids: " + sent[0] + " in " + burstMillis + " ms caused "
                    + (jwksRequests(server) - before) + " JWKS fetch(es), at most " + allowed + " allowed");
            assertThat(ControlPlane.getWithToken(url, token)).as("the real token still passes").isEqualTo(200);
        }
    }
}
