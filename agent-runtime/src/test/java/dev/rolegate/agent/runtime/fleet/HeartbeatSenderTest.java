package dev.rolegate.agent.runtime.fleet;

import dev.rolegate.agent.runtime.audit.RecordingServer;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatSenderTest {
    @Test
    void reportsModeRevisionPidAndDroppedRecords() throws Exception {
        try (RecordingServer server = new RecordingServer("/v1/agents/heartbeat")) {
            HeartbeatSender sender = new HeartbeatSender(new PolicyServerClient(List.of(server.uri()), "orders", "s"),
                    "monitor", () -> 7, () -> 4, 3_600_000);
            sender.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> !server.bodies.isEmpty());
            sender.stop();

            assertThat(server.bodies.get(0)).contains("\"mode\":\"monitor\"").contains("\"revision\":7")
                    .contains("\"pid\":" + ProcessHandle.current().pid()).contains("\"auditDropped\":4");
            assertThat(server.authorizations.get(0)).startsWith("Basic ");
        }
    }

    @Test
    void sendsAtOnceWhenNudgedInsteadOfWaitingForTheInterval() throws Exception {
        try (RecordingServer server = new RecordingServer("/v1/agents/heartbeat")) {
            AtomicLong revision = new AtomicLong(1);
            HeartbeatSender sender = new HeartbeatSender(new PolicyServerClient(List.of(server.uri()), "orders", "s"),
                    "enforce", revision::get, () -> 0, 3_600_000);
            sender.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.bodies.size() == 1);

            revision.set(2);
            sender.nudge();

            await().atMost(Duration.ofSeconds(20)).until(() -> server.bodies.size() == 2);
            assertThat(server.bodies.get(1)).contains("\"revision\":2");
            sender.stop();
        }
    }

    @Test
    void reportsTheBuildVersionRatherThanAPlaceholder() {
        assertThat(HeartbeatSender.agentVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
