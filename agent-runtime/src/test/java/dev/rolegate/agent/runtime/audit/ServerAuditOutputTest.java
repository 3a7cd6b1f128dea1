package dev.rolegate.agent.runtime.audit;

import dev.rolegate.agent.runtime.server.PolicyServerClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServerAuditOutputTest {
    private static void write(ServerAuditOutput out, String decision, int n) {
        AuditRecord r = AllowShippingTest.record(decision);
        for (int i = 0; i < n; i++) {
            out.write(r, AuditJson.format(r));
        }
    }

    @Test
    void shipsRecordsAsAJsonArrayWithTheClientsCredentials() throws Exception {
        try (RecordingServer server = new RecordingServer("/v1/audit")) {
            ServerAuditOutput out = new ServerAuditOutput(
                    new PolicyServerClient(List.of(server.uri()), "inventory", "s3cret"), AllowShipping.parse("all"), 100);
            out.start();

            write(out, AuditRecord.DENY, 3);

            await().atMost(Duration.ofSeconds(20)).until(() -> out.shipped() == 3);
            assertThat(server.bodies.get(0)).startsWith("[{\"ts\":").contains("\"decision\":\"deny\"");
            assertThat(server.authorizations.get(0)).startsWith("Basic ");
            out.close();
        }
    }

    @Test
    void keepsTheBatchAndRetriesWhileTheServerFails() throws Exception {
        try (RecordingServer server = new RecordingServer("/v1/audit")) {
            server.status.set(503);
            ServerAuditOutput out = new ServerAuditOutput(
                    new PolicyServerClient(List.of(server.uri()), "inventory", "s3cret"), AllowShipping.parse("all"), 100);
            out.start();
            write(out, AuditRecord.DENY, 2);

            server.status.set(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> out.shipped() == 2);
            assertThat(out.dropped()).isZero();
            out.close();
        }
    }

    @Test
    void countsRecordsDroppedWhenTheQueueIsFull() {
        // Not started and nothing listens: the queue of 2 fills up.
        ServerAuditOutput out = new ServerAuditOutput(
                new PolicyServerClient(List.of(URI.create("http://127.0.0.1:9")), "inventory", "s3cret"),
                AllowShipping.parse("all"), 2);

        write(out, AuditRecord.DENY, 5);

        assertThat(out.dropped()).isEqualTo(3);
    }

    @Test
    void leavesUnsampledAllowsOutWithoutCountingThemAsDropped() {
        ServerAuditOutput out = new ServerAuditOutput(
                new PolicyServerClient(List.of(URI.create("http://127.0.0.1:9")), "inventory", "s3cret"),
                AllowShipping.parse("none"), 2);

        write(out, AuditRecord.ALLOW, 5);

        assertThat(out.dropped()).isZero();
    }
}
