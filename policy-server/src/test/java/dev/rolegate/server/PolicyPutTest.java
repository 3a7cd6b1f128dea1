package dev.rolegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolicyPutTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> put(String body, String contentType, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/v1/policy"))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return server.send(b.build());
    }

    private HttpResponse<String> putAsAdmin(String yaml) throws Exception {
        return put(yaml, "application/yaml", "Bearer " + TestServer.ADMIN_SECRET);
    }

    @Test
    void activatesValidYamlDocumentAsNewRevision() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        HttpResponse<String> r = putAsAdmin(TestPolicies.V2);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(r.body()).path("revision").asLong()).isEqualTo(2);
        assertThat(server.revision()).isEqualTo(2);
    }

    @Test
    void activatesValidJsonDocument() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        String json = dev.rolegate.policy.PolicyParser.toJson(dev.rolegate.policy.PolicyParser.parse(TestPolicies.V2, "v2"));

        HttpResponse<String> r = put(json, "application/json", "Bearer " + TestServer.ADMIN_SECRET);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(server.revision()).isEqualTo(2);
    }

    @Test
    void answers422WithEveryProblemAndKeepsRevision() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        HttpResponse<String> r = putAsAdmin(TestPolicies.INVALID);

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = TestServer.json(r.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_policy");
        assertThat(body.path("problems").size()).isGreaterThanOrEqualTo(2);
        assertThat(body.path("problems").get(0).path("location").asText()).isNotEmpty();
        assertThat(body.path("problems").toString()).contains("warehouse").contains("no-such-role");
        assertThat(server.revision()).isEqualTo(1);
    }

    @Test
    void refusesPutWith403WhenNoAdminSecretIsConfigured() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1, Optional.empty());

        HttpResponse<String> r = put(TestPolicies.V2, "application/yaml", "Bearer anything");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(r.body()).path("error").asText()).isNotEmpty();
        assertThat(server.revision()).isEqualTo(1);
    }

    @Test
    void refusesPutWith401ForWrongAdminSecret() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        HttpResponse<String> r = put(TestPolicies.V2, "application/yaml", "Bearer not-the-secret");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(server.revision()).isEqualTo(1);
    }

    @Test
    void refusesPutWith401ForClientBasicCredentials() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        HttpResponse<String> r = put(TestPolicies.V2, "application/yaml", TestServer.basic("orders"));

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void letsALaterFileChangeReplaceThePutDocument() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        putAsAdmin(TestPolicies.V2);

        server.editInPlace(TestPolicies.V1_WITH_COMMENT);

        await().atMost(Duration.ofSeconds(2)).until(() -> server.revision() == 3);
        assertThat(TestServer.json(server.tokenFor("visitor", "inventory").body()).has("access_token")).isTrue();
    }

    @Test
    void keepsPutDocumentAcrossRestartWhileFileIsUnchanged() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        putAsAdmin(TestPolicies.V2);

        server.restart();

        assertThat(server.revision()).isEqualTo(2);
        String token = TestServer.json(server.tokenFor("visitor", "inventory").body()).path("access_token").asText();
        assertThat(TokenEndpointTest.verify(server, token).getStringListClaim("roles")).containsExactly("inventory-reader");
    }

    @Test
    void releasesLongPollOnPut() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        var pending = server.client().sendAsync(HttpRequest.newBuilder(server.uri("/v1/policy?wait=30"))
                .header("Authorization", TestServer.basic("orders"))
                .header("If-None-Match", "\"1\"").GET().build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.get("/metrics").body().contains("rolegate_policy_watchers 1.0"));

        putAsAdmin(TestPolicies.V2);

        await().atMost(Duration.ofSeconds(2)).until(pending::isDone);
        assertThat(pending.get().headers().firstValue("ETag")).hasValue("\"2\"");
    }
}
