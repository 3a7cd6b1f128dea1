package dev.rolegate.server;

import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSettingsTest {
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
    void usesConfiguredIssuerInTokensBundlesAndMetadata() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1, Optional.empty(),
                Map.of("ROLEGATE_ISSUER", "https://rolegate.example.com"));

        String token = TestServer.json(server.tokenFor("orders", "inventory").body()).path("access_token").asText();
        String bundle = server.get("/v1/policy", "Authorization", TestServer.basic("orders")).body();
        String metadata = server.get("/.well-known/oauth-authorization-server").body();

        assertThat(TokenEndpointTest.verify(server, token).getIssuer()).isEqualTo("https://rolegate.example.com");
        assertThat(TestServer.json(JWSObject.parse(bundle).getPayload().toString()).path("iss").asText())
                .isEqualTo("https://rolegate.example.com");
        assertThat(TestServer.json(metadata).path("token_endpoint").asText())
                .isEqualTo("https://rolegate.example.com/v1/token");
    }

    @Test
    void issuesTokensWithConfiguredLifetime() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1, Optional.empty(), Map.of("ROLEGATE_TOKEN_TTL", "60"));

        var body = TestServer.json(server.tokenFor("orders", "inventory").body());
        var claims = TokenEndpointTest.verify(server, body.path("access_token").asText());

        assertThat(body.path("expires_in").asInt()).isEqualTo(60);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
    }

    @Test
    void acceptsSecretAddedByCliWhileRunning() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        java.io.StringWriter out = new java.io.StringWriter();
        dev.rolegate.server.cli.RolegateCli.execute(new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()),
                "credentials", "add", "orders", "--file", server.credentialsFile.toString());
        String[] lines = out.toString().strip().split("\\R");
        String newSecret = lines[lines.length - 1];
        String form = TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> server.token(TestServer.basic("orders", newSecret), form).statusCode() == 200);
        assertThat(server.token(TestServer.basic("orders"), form).statusCode()).as("the old secret").isEqualTo(401);
    }
}
