package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Policy writes are atomic and durable: the server is killed (SIGKILL) at a random moment during a
 * stream of PUTs, many times; after every restart the active revision is a complete document that
 * was actually sent, and no acknowledged write is lost.
 */
class CrashDurabilityIT {
    static final int ITERATIONS = 20;

    @TempDir
    Path dir;

    /** The n-th document of the stream; the marker identity's description names n. */
    static String document(long n) {
        return TestPolicy.empty()
                .service("inventory", 18080, "GET /health")
                .identity("orders", "client")
                .role("inventory-reader", "inventory", List.of("GET"), List.of("/items", "/items/" + n))
                .bind("inventory-reader", "orders")
                .yaml();
    }

    @Test
    void activeRevisionIsAlwaysACompleteDocumentThatWasSentAfterAKillDuringWrites() throws Exception {
        Path serverDir = dir.resolve("server");
        long lastAcknowledgedRevision = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            PolicyServerProcess server = PolicyServerProcess.start(serverDir, document(0));
            long revisionAtStart = activeRevision(server);
            assertThat(revisionAtStart).as("iteration %d: an acknowledged write was lost", i)
                    .isGreaterThanOrEqualTo(lastAcknowledgedRevision);
            checkActiveRevisionIsComplete(server, i);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong(revisionAtStart);
            Thread writer = new Thread(() -> {
                long n = 1;
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = ControlPlane.admin(server, "PUT", "/v1/policy", "application/yaml",
                                document(ThreadLocalRandom.current().nextLong(1, 1_000_000) * 10 + (n++ % 10)));
                        if (r.statusCode() == 200) {
                            acknowledged.set(ControlPlane.json(r.body()).path("revision").asLong());
                        }
                    } catch (RuntimeException | AssertionError e) {
                        return; // the server was killed mid-request
                    }
                }
            }, "policy-writer");
            writer.start();
            long killAfter = acknowledged.get() + 1 + ThreadLocalRandom.current().nextInt(5);
            await("a few writes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged.get() >= killAfter);
            server.process().kill();
            stop.set(true);
            writer.join(30_000);
            lastAcknowledgedRevision = acknowledged.get();
        }
        PolicyServerProcess last = PolicyServerProcess.start(serverDir, document(0));
        try {
            assertThat(activeRevision(last)).isGreaterThanOrEqualTo(lastAcknowledgedRevision);
            checkActiveRevisionIsComplete(last, ITERATIONS);
        } finally {
            last.close();
        }
    }

    private static long activeRevision(PolicyServerProcess server) {
        return ControlPlane.json(ControlPlane.admin(server, "GET", "/healthz", null, null).body()).path("revision").asLong();
    }

    private static void checkActiveRevisionIsComplete(PolicyServerProcess server, int iteration) {
        long rev = activeRevision(server);
        HttpResponse<String> r = ControlPlane.admin(server, "GET", "/v1/policy/revisions/" + rev, null, null);
        assertThat(r.statusCode()).as("iteration %d: revision %d in the history: %s", iteration, rev, r.body())
                .isEqualTo(200);
        JsonNode entry = ControlPlane.json(r.body());
        assertThat(entry.path("active").asBoolean()).isTrue();
        JsonNode paths = entry.path("policy").path("roles").path("inventory-reader").path("allow").get(0).path("paths");
        assertThat(paths.size()).as("iteration %d: the active document is whole", iteration).isEqualTo(2);
        assertThat(paths.get(1).asText()).matches("/items/\\d+");
    }
}
