package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /v1/agents tells operators who enforces an old revision: a live agent follows a PUT at once
 * and stays current, while one that stopped hearing from the server keeps its last revision, its
 * last-seen time and {@code current: false}.
 */
class FleetStatusIT {
    @TempDir
    Path dir;

    private static JsonNode entryOf(PolicyServerProcess server, long pid) {
        for (JsonNode a : ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/agents", null, null).body())) {
            if (a.path("pid").asLong() == pid) {
                return a;
            }
        }
        return null;
    }

    private static long pidOf(PolicyServerProcess server, String identity) {
        JsonNode[] found = {null};
        await(identity + " in the fleet").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (JsonNode a : ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/agents", null, null).body())) {
                        if (a.path("identity").asText().equals(identity)) {
                            found[0] = a;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0].path("pid").asLong();
    }

    @Test
    void showsAStoppedAgentOnItsOldRevisionAsNotCurrentAndALiveOneAsCurrent() {
        int stoppedPort = FreePorts.next();
        int livePort = FreePorts.next();
        try (PolicyServerProcess server = PolicyServerProcess.start(dir.resolve("server"),
                ControlPlane.policy(stoppedPort, true).service("billing", livePort, "GET /health").yaml(),
                "inventory", "billing")) {
            long stoppedPid;
            try (JavaProcess stopped = ControlPlane.inventory(stoppedPort, server.agentFor("inventory"),
                    ControlPlane.FAST_REPORTING)) {
                stoppedPid = pidOf(server, "inventory");
            }
            long oldRevision = entryOf(server, stoppedPid).path("revision").asLong();
            try (JavaProcess live = ControlPlane.inventory(livePort, server.agentFor("billing"),
                    ControlPlane.FAST_REPORTING)) {
                long livePid = pidOf(server, "billing");
                Instant beforePut = Instant.now();

                HttpResponse<String> put = ControlPlane.admin(server, "PUT", "/v1/policy", "application/yaml",
                        ControlPlane.policy(stoppedPort, false).service("billing", livePort, "GET /health").yaml());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                long newRevision = ControlPlane.json(put.body()).path("revision").asLong();

                await("the live agent reports the new revision").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> entryOf(server, livePid).path("revision").asLong() == newRevision);
                assertThat(entryOf(server, livePid).path("current").asBoolean()).isTrue();
                JsonNode stale = entryOf(server, stoppedPid);
                assertThat(stale.path("current").asBoolean()).as(stale.toString()).isFalse();
                assertThat(stale.path("revision").asLong()).isEqualTo(oldRevision).isLessThan(newRevision);
                assertThat(Instant.parse(stale.path("lastSeen").asText())).isBefore(beforePut);
            }
        }
    }
}
