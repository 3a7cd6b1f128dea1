package dev.rolegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.rolegate.policy.PolicyParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolicyEndpointTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> getPolicy(String query, String ifNoneMatch) throws Exception {
        if (ifNoneMatch == null) {
            return server.get("/v1/policy" + query, "Authorization", TestServer.basic("orders"));
        }
        return server.get("/v1/policy" + query, "Authorization", TestServer.basic("orders"), "If-None-Match", ifNoneMatch);
    }

    private CompletableFuture<HttpResponse<String>> watch(int waitSeconds, String ifNoneMatch) {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/policy?wait=" + waitSeconds))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", TestServer.basic("orders"))
                .header("If-None-Match", ifNoneMatch)
                .GET().build();
        return server.client().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitWatchers(int count) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.get("/metrics").body().contains("rolegate_policy_watchers " + count + ".0"));
    }

    @Test
    void refusesUnauthenticatedPolicyFetchWith401AndBasicChallenge() throws Exception {
        HttpResponse<String> r = server.get("/v1/policy");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"rolegate\"");
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refusesWrongSecretOnPolicyFetchWith401() throws Exception {
        HttpResponse<String> r = server.get("/v1/policy", "Authorization", TestServer.basic("orders", "nope"));

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void servesSignedBundleWithRevisionAsEtag() throws Exception {
        HttpResponse<String> r = getPolicy("", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/jose");
    }

    @Test
    void signsBundleWithPublishedKeyAndProtocolPayload() throws Exception {
        JWSObject jws = JWSObject.parse(getPolicy("", null).body());
        JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json").body());
        ECKey key = (ECKey) jwks.getKeyByKeyId(jws.getHeader().getKeyID());

        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jws.getHeader().getType()).isEqualTo(new JOSEObjectType("rolegate-policy+jwt"));
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        JsonNode payload = TestServer.json(jws.getPayload().toString());
        assertThat(payload.path("iss").asText()).isEqualTo("http://localhost:" + server.server().port());
        assertThat(payload.path("rev").asLong()).isEqualTo(1);
        assertThat(payload.path("iat").asLong()).isPositive();
        String policyJson = PolicyParser.toJson(PolicyParser.parse(payload.path("policy").toString(), "bundle"));
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(policyJson.getBytes(StandardCharsets.UTF_8)));
        assertThat(payload.path("digest").asText()).isEqualTo("sha256:" + hex);
        assertThat(payload.path("policy").path("services").has("inventory")).isTrue();
    }

    @Test
    void answers304ForCurrentRevision() throws Exception {
        HttpResponse<String> r = getPolicy("", "\"1\"");

        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    @Test
    void answers200ForAnOlderRevision() throws Exception {
        server.editInPlace(TestPolicies.V2);
        await().atMost(Duration.ofSeconds(3)).until(() -> server.revision() == 2);

        HttpResponse<String> r = getPolicy("", "\"1\"");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void refusesNonNumericWaitWith400() throws Exception {
        HttpResponse<String> r = getPolicy("?wait=soon", "\"1\"");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void longPollAnswersWithNewRevisionPromptlyAfterFileEdit() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = watch(30, "\"1\"");
        awaitWatchers(1);

        server.editInPlace(TestPolicies.V2);

        HttpResponse<String> r = await().atMost(Duration.ofSeconds(3)).until(
                () -> pending.isDone() ? pending.get() : null, java.util.Objects::nonNull);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"2\"");
        JsonNode payload = TestServer.json(JWSObject.parse(r.body()).getPayload().toString());
        assertThat(payload.path("rev").asLong()).isEqualTo(2);
    }

    @Test
    void longPollAnswers304WhenTheWaitEndsWithoutChange() throws Exception {
        long start = System.nanoTime();

        HttpResponse<String> r = watch(1, "\"1\"").get();

        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void longPollForAnOldRevisionAnswersAtOnce() throws Exception {
        HttpResponse<String> r = watch(30, "\"0\"").get();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    @Test
    void releasesEveryWatcherOnOneRevision() throws Exception {
        CompletableFuture<HttpResponse<String>> a = watch(30, "\"1\"");
        CompletableFuture<HttpResponse<String>> b = watch(30, "\"1\"");
        awaitWatchers(2);

        server.saveAtomically(TestPolicies.V2);

        await().atMost(Duration.ofSeconds(3)).until(() -> a.isDone() && b.isDone());
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(b.get().statusCode()).isEqualTo(200);
    }
}
