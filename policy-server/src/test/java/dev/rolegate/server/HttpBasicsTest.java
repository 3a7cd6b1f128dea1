package dev.rolegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HttpBasicsTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersUnknownPathWith404Json() throws Exception {
        HttpResponse<String> r = server.get("/v1/nothing-here");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void answersWrongMethodWith405JsonAndAllow() throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v1/token")).GET().build());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void answersHealthzWith200AndRevision() throws Exception {
        HttpResponse<String> r = server.get("/healthz");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(r.body()).path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void publishesOnlyPublicEs256SigningKeysInJwks() throws Exception {
        HttpResponse<String> r = server.get("/.well-known/jwks.json");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode key = TestServer.json(r.body()).path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("EC");
        assertThat(key.path("crv").asText()).isEqualTo("P-256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("alg").asText()).isEqualTo("ES256");
        assertThat(key.has("x") && key.has("y")).isTrue();
        assertThat(key.has("d")).as("private part").isFalse();
        ECKey parsed = (ECKey) JWKSet.parse(r.body()).getKeys().get(0);
        assertThat(parsed.getKeyID()).isEqualTo(parsed.computeThumbprint().toString());
    }

    @Test
    void publishesOAuthMetadataWithEndpoints() throws Exception {
        HttpResponse<String> r = server.get("/.well-known/oauth-authorization-server");

        JsonNode m = TestServer.json(r.body());
        String issuer = "http://localhost:" + server.server().port();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(m.path("issuer").asText()).isEqualTo(issuer);
        assertThat(m.path("token_endpoint").asText()).isEqualTo(issuer + "/v1/token");
        assertThat(m.path("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(m.path("rolegate_policy_endpoint").asText()).isEqualTo(issuer + "/v1/policy");
        assertThat(m.path("grant_types_supported").toString()).isEqualTo("[\"client_credentials\"]");
        assertThat(m.path("token_endpoint_auth_methods_supported").toString()).isEqualTo("[\"client_secret_basic\",\"private_key_jwt\"]");
    }

    @Test
    void exposesPrometheusMetricsWithActiveRevision() throws Exception {
        HttpResponse<String> r = server.get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("rolegate_policy_revision 1.0").contains("rolegate_policy_watchers 0.0");
    }

    @Test
    void answersMalformedRequestLineWith400JsonNotAHang() throws Exception {
        String response = raw("GARBAGE\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"error\":\"invalid_request\"");
    }

    @Test
    void answersMalformedPercentEncodingInTargetWith400Json() throws Exception {
        String response = raw("GET /healthz%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"error\":\"invalid_request\"");
    }

    @Test
    void answersOversizedHeadersWith431Json() throws Exception {
        String response = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431").contains("\"error\":\"request_header_fields_too_large\"");
    }

    /** Sends raw bytes and reads until the server closes the connection. */
    private static String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.server().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
