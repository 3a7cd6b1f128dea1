package dev.rolegate.agent.runtime.server;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.agent.runtime.audit.RecordingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAssertionsTest {
    @TempDir
    Path dir;

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static Path pem(Path file, String label, byte[] der) throws Exception {
        return Files.writeString(file, "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + label + "-----\n");
    }

    @Test
    void signsShortLivedAssertionsThatThePublicKeyVerifies() throws Exception {
        KeyPair pair = p256();
        ClientAssertions a = ClientAssertions.load(pem(dir.resolve("k.pem"), "PRIVATE KEY",
                pair.getPrivate().getEncoded()), "orders");

        SignedJWT jwt = SignedJWT.parse(a.sign("http://policy:7070/v1/token"));

        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("orders");
        assertThat(claims.getSubject()).isEqualTo("orders");
        assertThat(claims.getAudience()).containsExactly("http://policy:7070/v1/token");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
        assertThat(claims.getJWTID()).isNotEqualTo(SignedJWT.parse(a.sign("x")).getJWTClaimsSet().getJWTID());
    }

    @Test
    void readsASec1EcPrivateKeyPem() throws Exception {
        KeyPair pair = p256();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        // PKCS#8 from the JDK: SEQUENCE { version, algorithm, OCTET STRING { the SEC1 key } }.
        int octet = 2 + (pkcs8[1] & 0x80) / 0x80 * (pkcs8[1] & 0x7F) + 3 + 21;
        int len = pkcs8[octet + 1] & 0xFF;
        byte[] sec1 = Arrays.copyOfRange(pkcs8, octet + 2, octet + 2 + len);

        ClientAssertions a = ClientAssertions.load(pem(dir.resolve("sec1.pem"), "EC PRIVATE KEY", sec1), "orders");

        assertThat(SignedJWT.parse(a.sign("aud")).verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
    }

    @Test
    void sendsTheAssertionAddressedToTheTokenEndpointFromTheMetadata() throws Exception {
        KeyPair pair = p256();
        ClientAssertions a = ClientAssertions.load(pem(dir.resolve("k.pem"), "PRIVATE KEY",
                pair.getPrivate().getEncoded()), "orders");
        try (RecordingServer server = new RecordingServer("/v1/")) {
            PolicyServerClient client = new PolicyServerClient(List.of(server.uri()), "orders", "ignored-secret", a);

            client.send("/v1/audit", true, Duration.ofSeconds(5), b -> b.POST(HttpRequest.BodyPublishers.ofString("[]")));

            assertThat(server.authorizations).containsExactly((String) null);
            assertThat(server.assertions.get(0)).isNotNull();
            // The recording server has no metadata endpoint: the base URL's /v1/token is the fallback.
            assertThat(SignedJWT.parse(server.assertions.get(0)).getJWTClaimsSet().getAudience())
                    .containsExactly(URI.create(server.uri() + "/v1/token").toString());
        }
    }
}
