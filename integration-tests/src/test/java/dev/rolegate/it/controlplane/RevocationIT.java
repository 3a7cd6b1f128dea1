package dev.rolegate.it.controlplane;

import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Removing a binding, or the role itself, denies calls that carry still-valid tokens as soon as the
 * agent has the new revision: measured from the start of the PUT to the first 403, polling.
 */
class RevocationIT {
    @TempDir
    Path dir;

    @Test
    void removingABindingDeniesAStillValidTokenWithinOneSecondOfThePut() {
        assertDeniedWithinOneSecondAfterPut(port -> ControlPlane.policy(port, false).yaml(), "binding");
    }

    @Test
    void removingTheRoleItselfDeniesAStillValidTokenWithinOneSecondOfThePut() {
        assertDeniedWithinOneSecondAfterPut(port -> TestPolicy.empty()
                .service("inventory", port, "GET /health")
                .identity("orders", "client")
                .identity("visitor", "client")
                .yaml(), "role");
    }

    private void assertDeniedWithinOneSecondAfterPut(IntFunction<String> revokedPolicy, String removed) {
        int port = FreePorts.next();
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server-" + removed),
                ControlPlane.policy(port, true).yaml(), "inventory", "orders");
             JavaProcess inventory = ControlPlane.inventory(port, server.agentFor("inventory"), java.util.Map.of())) {
            String url = "http://127.0.0.1:" + port + "/items";
            String token = ControlPlane.token(server, "orders", "inventory");
            assertThat(ControlPlane.getWithToken(url, token)).isEqualTo(200);

            long start = System.nanoTime();
            HttpResponse<String> put = ControlPlane.admin(server, "PUT", "/v1/policy", "application/yaml",
                    revokedPolicy.apply(port));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            AtomicLong deniedAt = new AtomicLong();
            await("the same token denied").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        if (ControlPlane.getWithToken(url, token) == 403) {
                            deniedAt.set(System.nanoTime());
                            return true;
                        }
                        return false;
                    });

            long millis = Duration.ofNanos(deniedAt.get() - start).toMillis();
            System.out.println("revocation (" + removed + " removed) took " + millis + " ms from the PUT to the first 403");
            assertThat(millis).as("milliseconds from PUT to first denial").isLessThanOrEqualTo(1000);
        }
    }
}
