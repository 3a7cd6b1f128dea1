package dev.rolegate.agent.runtime.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {
    private static final String ME = "inventory";
    private final TestKeys keys = TestKeys.generate();
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile String issuer = FixtureServer.ISSUER;
    private KeySource keySource;
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        keySource = new KeySource(() -> {
            jwksFetches.incrementAndGet();
            return keys.jwksJson();
        }, Runnable::run);
        keySource.set(keys.jwksJson());
        verifier = new TokenVerifier(ME, keySource, () -> issuer, now::get);
    }

    private Map<String, Object> claims() {
        return FixtureServer.tokenClaims("orders", ME, List.of("inventory-reader"), 300);
    }

    private String token(Map<String, Object> claims) {
        return keys.sign("at+jwt", claims);
    }

    private void assertRejected(String token, String reasonPart) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwsRejectedException.class)
                .hasMessageContaining(reasonPart);
    }

    @Test
    void acceptsATokenAsThePolicyServerIssuesIt() throws Exception {
        VerifiedToken v = verifier.verify(token(claims()));
        assertThat(v.caller()).isEqualTo("orders");
        assertThat(v.roles()).containsExactly("inventory-reader");
        assertThat(v.pass().caller()).isEqualTo("orders");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT+JWT", "application/at+jwt"})
    void acceptsTheAtJwtTypeInAnyCaseAndWithTheApplicationPrefix(String typ) throws Exception {
        assertThat(verifier.verify(keys.sign(typ, claims())).caller()).isEqualTo("orders");
    }

    @Test
    void rejectsES384EvenWithTheTrustedKid() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID(keys.kid()).generate();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(keys.kid())
                .type(new JOSEObjectType("at+jwt")).build(), new Payload(claims()));
        jws.sign(new ECDSASigner(p384));
        assertRejected(jws.serialize(), "algorithm ES384 is not accepted");
    }

    @Test
    void rejectsHs256KeyedWithThePublicKey() throws Exception {
        byte[] secret = keys.jwksJson().getBytes(StandardCharsets.UTF_8);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.kid())
                .type(new JOSEObjectType("at+jwt")).build(), new Payload(claims()));
        jws.sign(new MACSigner(secret));
        assertRejected(jws.serialize(), "HS256");
    }

    @Test
    void rejectsAlgNone() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.kid() + "\"}").toString();
        String payload = new Payload(claims()).toBase64URL().toString();
        assertRejected(header + "." + payload + ".", "malformed");
    }

    @Test
    void rejectsAPlainJwtType() {
        assertRejected(keys.sign("JWT", claims()), "typ JWT is not accepted");
    }

    @Test
    void rejectsAMissingType() {
        assertRejected(keys.sign(null, claims()), "typ null is not accepted");
    }

    @Test
    void rejectsAnotherIssuer() {
        Map<String, Object> c = claims();
        c.put("iss", "http://evil.test");
        assertRejected(token(c), "issuer");
    }

    @Test
    void rejectsAnAudienceArrayEvenWithOnlyThisIdentity() {
        Map<String, Object> c = claims();
        c.put("aud", List.of(ME));
        assertRejected(token(c), "aud is not a single string");
    }

    @Test
    void rejectsATokenForAnotherService() {
        Map<String, Object> c = claims();
        c.put("aud", "orders");
        assertRejected(token(c), "token is for orders, not for inventory");
    }

    @Test
    void rejectsAMissingAudience() {
        Map<String, Object> c = claims();
        c.remove("aud");
        assertRejected(token(c), "no aud");
    }

    @Test
    void rejectsAMissingExp() {
        Map<String, Object> c = claims();
        c.remove("exp");
        assertRejected(token(c), "no exp");
    }

    @Test
    void rejectsATokenExpiredBeyondTheSkew() {
        Map<String, Object> c = claims();
        c.put("exp", now.get() / 1000 - 61);
        assertRejected(token(c), "expired");
    }

    @Test
    void acceptsATokenExpiredWithinTheSkew() throws Exception {
        Map<String, Object> c = claims();
        c.put("exp", now.get() / 1000 - 30);
        assertThat(verifier.verify(token(c)).caller()).isEqualTo("orders");
    }

    @Test
    void rejectsNbfBeyondTheSkewInTheFuture() {
        Map<String, Object> c = claims();
        c.put("nbf", now.get() / 1000 + 120);
        assertRejected(token(c), "nbf");
    }

    @Test
    void rejectsIatBeyondTheSkewInTheFuture() {
        Map<String, Object> c = claims();
        c.put("iat", now.get() / 1000 + 120);
        assertRejected(token(c), "iat");
    }

    @Test
    void rejectsAnExpThatIsAString() {
        Map<String, Object> c = claims();
        c.put("exp", String.valueOf(now.get() / 1000 + 100));
        assertRejected(token(c), "exp is not a number");
    }

    @Test
    void rejectsRolesGivenAsAString() {
        Map<String, Object> c = claims();
        c.put("roles", "inventory-reader");
        assertRejected(token(c), "roles is not an array of strings");
    }

    @Test
    void rejectsRolesHoldingANonString() {
        Map<String, Object> c = claims();
        c.put("roles", List.of("inventory-reader", 7));
        assertRejected(token(c), "roles is not an array of strings");
    }

    @Test
    void rejectsAMissingSub() {
        Map<String, Object> c = claims();
        c.remove("sub");
        c.remove("client_id");
        assertRejected(token(c), "sub");
    }

    @Test
    void rejectsASubThatIsNotAnIdentityName() {
        Map<String, Object> c = claims();
        c.put("sub", "Orders\u0430");
        c.remove("client_id");
        assertRejected(token(c), "sub");
    }

    @Test
    void rejectsAnUnknownKidAndAsksForTheKeysAgain() {
        int before = jwksFetches.get();
        String t = keys.sign("at+jwt", claims(), b -> b.keyID("unknown-kid"));
        assertRejected(t, "unknown signing key");
        assertThat(jwksFetches.get()).isEqualTo(before + 1);
    }

    @Test
    void refetchesTheKeysAtMostOncePerFiveSecondsHoweverManyUnknownKidsArrive() {
        int before = jwksFetches.get();
        for (int i = 0; i < 20; i++) {
            String t = keys.sign("at+jwt", claims(), b -> b.keyID("unknown-" + System.nanoTime()));
            assertRejected(t, "unknown signing key");
        }
        assertThat(jwksFetches.get()).isEqualTo(before + 1);
    }

    @Test
    void rejectsASignatureByAnotherKeyUnderTheTrustedKid() {
        TestKeys attacker = TestKeys.generate();
        assertRejected(attacker.sign("at+jwt", claims(), b -> b.keyID(keys.kid())), "bad signature");
    }

    @Test
    void rejectsATokenThatBringsItsOwnKey() {
        TestKeys attacker = TestKeys.generate();
        String t = attacker.sign("at+jwt", claims(), b -> b.keyID(keys.kid()).jwk(attacker.key().toPublicJWK()));
        assertRejected(t, "carries its own key");
    }

    @Test
    void rejectsAnUnknownCriticalHeader() {
        String t = keys.sign("at+jwt", claims(), b -> b.criticalParams(Set.of("exp-policy")).customParam("exp-policy", "x"));
        assertRejected(t, "bad signature");
    }

    @Test
    void rejectsAnOversizedTokenBeforeParsingIt() {
        Map<String, Object> c = claims();
        c.put("padding", "x".repeat(9000));
        assertRejected(token(c), "longer than 8192");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c", "a.b.c.d", "a.b.c.d.e", "!!!.@@@.###", "eyJhbGciOiJFUzI1NiJ9..",
        "eyJhbGciOiJFUzI1NiJ9.e30", "bm90IGpzb24.e30.AAAA"})
    void rejectsMalformedSegments(String token) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwsRejectedException.class);
    }

    @Test
    void rejectsACachedTokenOnceItExpires() throws Exception {
        String t = token(claims());
        verifier.verify(t);
        now.addAndGet(300_000 + TokenVerifier.SKEW_MILLIS + 1);
        assertRejected(t, "expired");
    }

    @Test
    void rejectsACachedTokenWhenTheIssuerChanges() throws Exception {
        String t = token(claims());
        verifier.verify(t);
        issuer = "http://other-issuer.test";
        assertRejected(t, "issuer");
    }

    @Test
    void rejectsEverythingWhileNoPolicyIsLoaded() {
        issuer = null;
        assertRejected(token(claims()), "no signed policy");
    }

    @Test
    void servesARepeatedTokenFromTheCache() throws Exception {
        String t = token(claims());
        VerifiedToken first = verifier.verify(t);
        assertThat(verifier.verify(new String(t.toCharArray()))).isSameAs(first);
    }

    @Test
    void aCachedTokenWithAnotherPayloadButTheSameSignatureIsNotServedFromTheCache() throws Exception {
        String valid = token(claims());
        verifier.verify(valid);
        String[] parts = valid.split("\\.");
        Map<String, Object> elevated = claims();
        elevated.put("roles", List.of("inventory-admin"));
        String otherPayload = token(elevated).split("\\.")[1];
        // Same tail (the signature, which the cache key hashes), another payload: must be verified, and fail.
        String forged = parts[0] + "." + otherPayload + "." + parts[2];

        assertRejected(forged, "bad signature");
    }

    @Test
    void keepsTheCacheBounded() throws Exception {
        TokenVerifier small = new TokenVerifier(ME, keySource, () -> issuer, now::get, 20);
        for (int i = 0; i < 50; i++) {
            Map<String, Object> c = claims();
            c.put("jti", "t" + i);
            small.verify(token(c));
            assertThat(small.cacheSize()).isLessThanOrEqualTo(20);
        }
    }
}
