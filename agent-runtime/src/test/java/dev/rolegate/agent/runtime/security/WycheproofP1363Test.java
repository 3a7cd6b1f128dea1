package dev.rolegate.agent.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every case of Wycheproof's {@code ecdsa_secp256r1_sha256_p1363_test.json} through the ES256
 * primitive that {@code Es256Jws} (and so every token and policy-bundle check) uses: Nimbus's
 * {@link ECDSAVerifier} over the vector's key, given the vector's message as the JWS signing input
 * and the vector's P1363 signature as the JWS signature.
 *
 * <p>Why not whole tokens: a compact JWS's signing input is {@code base64url(header).base64url(payload)},
 * so a token whose signing input equals an arbitrary vector message cannot be built. The vectors test
 * the signature arithmetic (range checks, malleability, point at infinity, wrong lengths), which lives
 * entirely in this primitive; everything around it is covered by {@link HostileTokenTest}. A second
 * sweep puts every vector's signature on a real token through the enforcer, to prove no crash there.
 */
class WycheproofP1363Test {
    /**
     * Valid signatures that the primitive (Nimbus over the JDK's SunEC) rejects on JDK 17 but accepts
     * on JDK 25: tcId 115 ("k*G has a large x-coordinate") and 257 ("r = 3, x = n + 3"). Both need an
     * r that an honest signer hits with probability about 2^-128, and rejecting a genuine signature
     * fails safe (a 401, never an allow). Pinned per JDK so that a change in the primitive is noticed;
     * listed in SECURITY.md's known limits.
     */
    static final Set<Integer> VALID_BUT_REJECTED_BY_OLD_SUNEC = Set.of(115, 257);
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TestFactory
    List<DynamicTest> everyVectorGetsTheExpectedVerdict() throws Exception {
        JsonNode root = new ObjectMapper().readTree(WycheproofFiles.read("ecdsa_secp256r1_sha256_p1363_test.json"));
        JWSHeader es256 = new JWSHeader(JWSAlgorithm.ES256);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            ECKey key = key(group.get("publicKey"));
            ECDSAVerifier verifier = new ECDSAVerifier(key);
            for (JsonNode t : group.get("tests")) {
                byte[] msg = HexFormat.of().parseHex(t.get("msg").asText());
                Base64URL sig = Base64URL.encode(HexFormat.of().parseHex(t.get("sig").asText()));
                String result = t.get("result").asText();
                int tcId = t.get("tcId").asInt();
                String name = "tcId " + t.get("tcId").asInt() + " " + t.get("comment").asText() + " (" + result + ")";
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    boolean verified = verdict(verifier, es256, msg, sig);
                    if (VALID_BUT_REJECTED_BY_OLD_SUNEC.contains(tcId)) {
                        Boolean pinned = pinnedVerdictOnThisJdk();
                        if (pinned != null) {
                            assertThat(verified).as("the verdict pinned for JDK %d", Runtime.version().feature())
                                    .isEqualTo(pinned);
                        }
                    } else if (!"acceptable".equals(result)) {
                        assertThat(verified).isEqualTo("valid".equals(result));
                    }
                }));
            }
        }
        assertThat(tests).hasSize(root.get("numberOfTests").asInt());
        return tests;
    }

    /**
     * The same vectors through the agent's real inbound path: each vector's signature bytes on a
     * well-formed Rolegate token under the vector's key (trusted as if the server had published it).
     * The signature was made over the vector's message, not over this token, so every one, valid
     * vectors included, must be refused 401, in bounded time and without any exception escaping: this
     * proves that odd lengths, zeros, out-of-range values and the rest are handled on the path that
     * matters, not only in the primitive.
     */
    @TestFactory
    List<DynamicTest> everyVectorSignatureOnATokenIsRefusedByTheEnforcerWithoutCrashing() throws Exception {
        JsonNode root = new ObjectMapper().readTree(WycheproofFiles.read("ecdsa_secp256r1_sha256_p1363_test.json"));
        PolicySnapshot snapshot = new PolicySnapshot(1, FixtureServer.ISSUER,
                CompiledPolicy.compile(PolicyParser.parse(TestPolicies.INVENTORY, "test")), "jws", "jwks", "test");
        String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"wycheproof\"}";
        String claims = new ObjectMapper().writeValueAsString(FixtureServer.tokenClaims("orders", "inventory",
                List.of("inventory-reader"), 300));
        String signingInput = RawJws.b64(header) + "." + RawJws.b64(claims);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            ECKey key = key(group.get("publicKey"));
            String jwks = new JWKSet(new ECKey.Builder(key).keyID("wycheproof").build()).toString();
            for (JsonNode t : group.get("tests")) {
                String token = signingInput + "." + Base64URL.encode(HexFormat.of().parseHex(t.get("sig").asText()));
                String name = "tcId " + t.get("tcId").asInt() + " " + t.get("comment").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    InboundDecision d = assertTimeoutPreemptively(BOUND,
                            () -> EnforcerWithKeys.decide(jwks, snapshot, token));

                    assertThat(d.proceed()).isFalse();
                    assertThat(d.status()).isEqualTo(401);
                }));
            }
        }
        assertThat(tests).hasSize(root.get("numberOfTests").asInt());
        return tests;
    }

    /**
     * The verdict SunEC gives the two pinned vectors on this JDK: rejected up to 17, accepted (as
     * Wycheproof expects) from 25; null in between, where only "no crash" is checked for them because
     * the release that changed it has not been tested here.
     */
    private static Boolean pinnedVerdictOnThisJdk() {
        int feature = Runtime.version().feature();
        if (feature <= 17) {
            return Boolean.FALSE;
        }
        return feature >= 25 ? Boolean.TRUE : null;
    }

    /** The group's key from its affine coordinates (not every group carries a JWK form). */
    private static ECKey key(JsonNode publicKey) {
        return new ECKey.Builder(Curve.P_256, unsigned(publicKey.get("wx").asText()), unsigned(publicKey.get("wy").asText()))
                .build();
    }

    /** A hex integer as the 32-byte big-endian base64url coordinate a JWK needs. */
    private static Base64URL unsigned(String hex) {
        byte[] raw = new java.math.BigInteger(hex, 16).toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return Base64URL.encode(out);
    }

    /** The verdict as Es256Jws reaches it: a JOSEException is a rejection; anything else would be a crash. */
    private static boolean verdict(ECDSAVerifier verifier, JWSHeader header, byte[] msg, Base64URL sig) {
        try {
            return verifier.verify(header, msg, sig);
        } catch (JOSEException e) {
            return false;
        }
    }
}
