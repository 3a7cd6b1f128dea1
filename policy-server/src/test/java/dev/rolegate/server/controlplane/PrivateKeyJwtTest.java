package dev.rolegate.server.controlplane;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import dev.rolegate.server.cli.RolegateCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PrivateKeyJwtTest {
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    @TempDir
    Path dir;
    TestServer server;
    ECKey key;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        key = new ECKeyGenerator(Curve.P_256).generate();
        Path pem = dir.resolve("orders.pub.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toECPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        int code = RolegateCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "credentials", "add", "orders", "--public-key", pem.toString(), "--file", server.credentialsFile.toString());
        assertThat(code).isZero();
        // The server reloads the credentials file by itself.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> tokenWith(assertion(key, tokenEndpoint(), 60)).statusCode() == 200);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String tokenEndpoint() {
        return server.server().issuer() + "/v1/token";
    }

    static String assertion(ECKey signingKey, String audience, long lifetimeSeconds) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder()
                .issuer("orders").subject("orders").audience(audience).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(lifetimeSeconds))).build());
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }

    private HttpResponse<String> tokenWith(String assertion) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("audience", "inventory");
        form.put("client_assertion_type", TYPE);
        form.put("client_assertion", assertion);
        return server.token(null, TestServer.form(form));
    }

    @Test
    void issuesATokenForAValidAssertion() throws Exception {
        HttpResponse<String> r = tokenWith(assertion(key, tokenEndpoint(), 60));

        assertThat(r.statusCode()).isEqualTo(200);
        String token = TestServer.json(r.body()).path("access_token").asText();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getSubject()).isEqualTo("orders");
    }

    @Test
    void acceptsTheIssuerAsAudience() throws Exception {
        assertThat(tokenWith(assertion(key, server.server().issuer(), 60)).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAReplayedAssertion() throws Exception {
        String once = assertion(key, tokenEndpoint(), 60);
        assertThat(tokenWith(once).statusCode()).isEqualTo(200);

        assertThat(tokenWith(once).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnAssertionForAnotherServer() throws Exception {
        assertThat(tokenWith(assertion(key, "https://elsewhere.example/v1/token", 60)).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnAssertionSignedWithAnotherKey() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();

        assertThat(tokenWith(assertion(other, tokenEndpoint(), 60)).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesALongLivedAssertion() throws Exception {
        assertThat(tokenWith(assertion(key, tokenEndpoint(), 3600)).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsTheAssertionHeaderOnThePolicyEndpoint() throws Exception {
        HttpResponse<String> r = server.get("/v1/policy", "Rolegate-Client-Assertion",
                assertion(key, tokenEndpoint(), 60));

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void keepsTheSecretWhenAPublicKeyIsAdded() throws Exception {
        assertThat(server.tokenFor("orders", "inventory").statusCode()).isEqualTo(200);
    }
}
