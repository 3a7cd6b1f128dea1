package dev.rolegate.server.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentsEndpointTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsAgentFromItsHeartbeatWithAuthenticatedIdentity() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        server.postAs("orders", "/v1/agents/heartbeat", "{\"host\":\"h1\",\"pid\":42,\"mode\":\"enforce\","
                + "\"revision\":1,\"agentVersion\":\"1.0\",\"auditDropped\":3,\"identity\":\"inventory\"}");

        JsonNode agents = TestServer.json(server.admin("GET", "/v1/agents", null).body());
        assertThat(agents.size()).isEqualTo(1);
        JsonNode a = agents.get(0);
        assertThat(a.path("identity").asText()).isEqualTo("orders");
        assertThat(a.path("host").asText()).isEqualTo("h1");
        assertThat(a.path("pid").asLong()).isEqualTo(42);
        assertThat(a.path("revision").asLong()).isEqualTo(1);
        assertThat(a.path("auditDropped").asLong()).isEqualTo(3);
        assertThat(a.path("lastSeen").asText()).isNotEmpty();
    }

    @Test
    void marksAgentOnAnOldRevisionAsNotCurrent() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.admin("PUT", "/v1/policy", TestServer.json(dev.rolegate.policy.PolicyParser.toJson(
                dev.rolegate.policy.PolicyParser.parse(TestPolicies.V2, "v2"))).toString());

        server.postAs("orders", "/v1/agents/heartbeat", "{\"host\":\"h1\",\"pid\":42,\"mode\":\"enforce\",\"revision\":1}");

        assertThat(TestServer.json(server.admin("GET", "/v1/agents", null).body()).get(0).path("current").asBoolean())
                .isFalse();
    }

    @Test
    void refusesHeartbeatWithoutCredentials() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        var r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/agents/heartbeat"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(r.statusCode()).isEqualTo(401);
    }
}
