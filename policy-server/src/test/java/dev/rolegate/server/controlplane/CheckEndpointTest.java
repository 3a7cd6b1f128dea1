package dev.rolegate.server.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckEndpointTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode check(String query) throws Exception {
        return TestServer.json(server.admin("GET", "/v1/check?" + query, null).body());
    }

    @Test
    void explainsAnAllowWithTheGrantingRoleAndRule() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        JsonNode r = check("identity=orders&service=inventory&method=GET&path=/items/7");

        assertThat(r.path("decision").asText()).isEqualTo("allow");
        assertThat(r.path("role").asText()).isEqualTo("inventory-reader");
        assertThat(r.path("rule").asText()).contains("/items/*");
        assertThat(r.path("rev").asLong()).isEqualTo(1);
    }

    @Test
    void explainsADenyWithTheCallersRolesAndWhyNoneMatches() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        JsonNode r = check("identity=orders&service=inventory&method=POST&path=/items/7");

        assertThat(r.path("decision").asText()).isEqualTo("deny");
        assertThat(r.path("roles").toString()).contains("inventory-reader");
        assertThat(r.path("reason").asText()).contains("POST").contains("/items/7");
    }

    @Test
    void saysWhenARequestIsPublic() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(check("identity=visitor&service=inventory&method=GET&path=/health").path("decision").asText())
                .isEqualTo("public");
    }

    @Test
    void answers400WhenAParameterIsMissing() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(server.admin("GET", "/v1/check?identity=orders", null).statusCode()).isEqualTo(400);
    }
}
