package dev.rolegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointTest {
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

    /** Verifies a token as a receiving agent would: ES256 only, typ at+jwt, key from the JWKS by kid. */
    static JWTClaimsSet verify(TestServer server, String token) throws Exception {
        JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json").body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
        return processor.process(token, null);
    }

    @Test
    void issuesEs256AccessTokenWithAllClaimsAndRoles() throws Exception {
        HttpResponse<String> r = server.tokenFor("orders", "inventory");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(r.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(300);
        String token = body.path("access_token").asText();
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json").body());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(jwks.getKeys().get(0).getKeyID());

        JWTClaimsSet claims = verify(server, token);
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + server.server().port());
        assertThat(claims.getSubject()).isEqualTo("orders");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("orders");
        // A single string on the wire, not an array (Nimbus would read either as a list).
        assertThat(TestServer.json(jwt.getPayload().toString()).path("aud").isTextual()).isTrue();
        assertThat(claims.getAudience()).containsExactly("inventory");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
        assertThat(claims.getStringListClaim("roles")).containsExactly("inventory-reader");
    }

    @Test
    void answersWithNoStoreCacheControl() throws Exception {
        HttpResponse<String> r = server.tokenFor("orders", "inventory");

        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void givesEveryTokenItsOwnJti() throws Exception {
        String a = TestServer.json(server.tokenFor("orders", "inventory").body()).path("access_token").asText();
        String b = TestServer.json(server.tokenFor("orders", "inventory").body()).path("access_token").asText();

        assertThat(SignedJWT.parse(a).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(b).getJWTClaimsSet().getJWTID());
    }

    @Test
    void issuesTokenWithEmptyRolesWhenCallerHasNoRoleOnAudience() throws Exception {
        HttpResponse<String> r = server.tokenFor("visitor", "inventory");

        assertThat(r.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = verify(server, TestServer.json(r.body()).path("access_token").asText());
        assertThat(claims.getStringListClaim("roles")).isEmpty();
        assertThat(claims.getSubject()).isEqualTo("visitor");
    }

    @Test
    void refusesWrongSecretAsInvalidClientWithBasicChallenge() throws Exception {
        HttpResponse<String> r = server.token(TestServer.basic("orders", "wrong-secret"),
                TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"rolegate\"");
    }

    @Test
    void refusesUnknownIdentityExactlyLikeWrongSecret() throws Exception {
        String form = TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory"));
        HttpResponse<String> unknown = server.token(TestServer.basic("nobody", "some-secret"), form);
        HttpResponse<String> wrong = server.token(TestServer.basic("orders", "some-secret"), form);

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).isEqualTo(wrong.headers().firstValue("WWW-Authenticate"));
    }

    @Test
    void refusesIdentityWithCredentialsButAbsentFromPolicy() throws Exception {
        HttpResponse<String> r = server.tokenFor("ghost", "inventory");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refusesMissingAuthorizationAsInvalidClient() throws Exception {
        HttpResponse<String> r = server.token(null,
                TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refusesMalformedBasicHeaderAsInvalidClient() throws Exception {
        HttpResponse<String> r = server.token("Basic %%%not-base64%%%",
                TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refusesBasicHeaderWithoutColonAsInvalidClient() throws Exception {
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString("orders".getBytes());
        HttpResponse<String> r = server.token(header,
                TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")));

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAudienceThatIsNotAServiceAsInvalidTarget() throws Exception {
        HttpResponse<String> r = server.tokenFor("orders", "nightly-report");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_target");
    }

    @Test
    void refusesMissingAudienceAsInvalidRequest() throws Exception {
        HttpResponse<String> r = server.token(TestServer.basic("orders"),
                TestServer.form(Map.of("grant_type", "client_credentials")));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void refusesOtherGrantTypeAsUnsupportedGrantType() throws Exception {
        HttpResponse<String> r = server.token(TestServer.basic("orders"),
                TestServer.form(Map.of("grant_type", "password", "audience", "inventory")));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void refusesRepeatedParameterAsInvalidRequest() throws Exception {
        HttpResponse<String> r = server.token(TestServer.basic("orders"),
                "grant_type=client_credentials&audience=inventory&audience=orders");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void refusesJsonBodyAsInvalidRequest() throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v1/token"))
                .header("Authorization", TestServer.basic("orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
                .build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void refusesBodyOverOneMebibyteWith413Json() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v1/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", TestServer.basic("orders"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(TestServer.json(r.body()).path("error").asText()).isEqualTo("request_too_large");
    }

    @Test
    void countsIssuedTokensPerIdentityInMetrics() throws Exception {
        server.tokenFor("nightly-report", "orders");

        String metrics = server.get("/metrics").body();

        assertThat(metrics).contains("rolegate_tokens_issued_total{audience=\"orders\",identity=\"nightly-report\"}");
    }
}
