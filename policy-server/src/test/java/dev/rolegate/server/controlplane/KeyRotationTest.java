package dev.rolegate.server.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode jwks() throws Exception {
        return TestServer.json(server.get("/.well-known/jwks.json").body()).path("keys");
    }

    @Test
    void publishesTheNewAndThePreviousKeyAfterARotation() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        String before = jwks().get(0).path("kid").asText();

        HttpResponse<String> r = server.admin("POST", "/v1/keys/rotate", null);

        assertThat(r.statusCode()).isEqualTo(200);
        String kid = TestServer.json(r.body()).path("kid").asText();
        assertThat(jwks().findValuesAsText("kid")).containsExactly(kid, before);
    }

    @Test
    void republishesThePolicySignedWithTheNewKey() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        String kid = TestServer.json(server.admin("POST", "/v1/keys/rotate", null).body()).path("kid").asText();

        assertThat(server.revision()).isEqualTo(2);
        String bundle = server.get("/v1/policy", "Authorization", TestServer.basic("orders")).body();
        assertThat(JWSObject.parse(bundle).getHeader().getKeyID()).isEqualTo(kid);
    }

    @Test
    void keepsSigningTokensWithThePreviousKeyRightAfterARotation() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        String before = jwks().get(0).path("kid").asText();
        server.admin("POST", "/v1/keys/rotate", null);

        String token = TestServer.json(server.tokenFor("orders", "inventory").body()).path("access_token").asText();

        assertThat(JWSObject.parse(token).getHeader().getKeyID()).isEqualTo(before);
    }

    @Test
    void keepsBothKeysAcrossARestart() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.admin("POST", "/v1/keys/rotate", null);
        var kids = jwks().findValuesAsText("kid");

        server.restart();

        assertThat(jwks().findValuesAsText("kid")).isEqualTo(kids);
    }

    @Test
    void rotationNeedsAdminSecret() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(server.adminAs("nope", "POST", "/v1/keys/rotate", null).statusCode()).isEqualTo(401);
        assertThat(jwks().size()).isEqualTo(1);
    }
}
