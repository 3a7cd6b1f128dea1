package dev.rolegate.agent.runtime.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.config.Mode;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.inbound.InboundEnforcer;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every hostile token of issue 6 ("Tokens"), one named row each, through the agent's real inbound
 * path: {@link InboundEnforcer} with the real {@link TokenVerifier} and a real policy. Each must be
 * answered 401 {@code invalid_token} within a bounded time, never let through and never crash. One
 * control row proves that the set-up accepts a good token, so the table cannot pass vacuously.
 */
class HostileTokenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final TestKeys SERVER = TestKeys.generate();
    private static final ECKey ATTACKER = generate();
    /** Counts every request to the URLs that jku and x5u point at: a verifier must never fetch them. */
    private static final AtomicInteger KEY_URL_HITS = new AtomicInteger();
    private static HttpServer keyUrlServer;
    private static String keyUrlBase;

    @BeforeAll
    static void startKeyUrlServer() throws IOException {
        keyUrlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keyUrlServer.createContext("/", exchange -> {
            KEY_URL_HITS.incrementAndGet();
            byte[] body = ("{\"keys\":[" + ATTACKER.toPublicJWK().toJSONString() + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyUrlServer.start();
        keyUrlBase = "http://127.0.0.1:" + keyUrlServer.getAddress().getPort();
    }

    @AfterAll
    static void stopKeyUrlServer() {
        keyUrlServer.stop(0);
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InboundEnforcer enforcer() throws Exception {
        KeySource keys = new KeySource(SERVER::jwksJson, Runnable::run);
        keys.set(SERVER.jwksJson());
        PolicySnapshot snapshot = new PolicySnapshot(1, FixtureServer.ISSUER,
                CompiledPolicy.compile(PolicyParser.parse(TestPolicies.INVENTORY, "test")), "jws", "jwks", "test");
        TokenVerifier verifier = new TokenVerifier("inventory", keys, snapshot::issuer, System::currentTimeMillis);
        return new InboundEnforcer("inventory", Mode.ENFORCE, false, () -> snapshot, verifier, AuditSink.discarding(),
                System::currentTimeMillis);
    }

    // ---- building blocks -------------------------------------------------------------------------

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** Claims as the server issues them for orders -> inventory, changed by {@code edit}. */
    private static String claims(Consumer<Map<String, Object>> edit) {
        Map<String, Object> c = new LinkedHashMap<>(FixtureServer.tokenClaims("orders", "inventory",
                List.of("inventory-reader"), 300));
        edit.accept(c);
        return json(c);
    }

    private static String goodClaims() {
        return claims(c -> { });
    }

    /** The server's usual header, changed by {@code edit}. */
    private static String header(Consumer<Map<String, Object>> edit) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", "ES256");
        h.put("typ", "at+jwt");
        h.put("kid", SERVER.kid());
        edit.accept(h);
        return json(h);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by the server's real key, so only the changed header or claim can make it fail. */
    private static String signed(String headerJson, String claimsJson) {
        return RawJws.es256(SERVER.key(), headerJson, claimsJson);
    }

    private static String withClaims(Consumer<Map<String, Object>> edit) {
        return signed(header(h -> { }), claims(edit));
    }

    private static String withHeader(Consumer<Map<String, Object>> edit) {
        return signed(header(edit), goodClaims());
    }

    private static Arguments row(String name, String token) {
        return Arguments.of(Named.of(name, token));
    }

    // ---- the table ------------------------------------------------------------------------------

    static Stream<Arguments> hostileTokens() throws Exception {
        long now = now();
        List<Arguments> rows = new ArrayList<>();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            rows.add(row("alg " + none + " without signature", RawJws.unsigned(header(h -> h.put("alg", none)), goodClaims())));
            rows.add(row("alg " + none + " with a real ES256 signature", withHeader(h -> h.put("alg", none))));
        }
        rows.add(row("alg es256 in lower case", withHeader(h -> h.put("alg", "es256"))));
        rows.add(row("alg missing", withHeader(h -> h.remove("alg"))));
        byte[] publicDer = SERVER.key().toECPublicKey().getEncoded();
        rows.add(row("HS256 keyed with the server's public key (DER)",
                RawJws.hs256(publicDer, header(h -> h.put("alg", "HS256")), goodClaims())));
        rows.add(row("HS256 keyed with the server's public JWKS text",
                RawJws.hs256(SERVER.jwksJson().getBytes(StandardCharsets.UTF_8), header(h -> h.put("alg", "HS256")), goodClaims())));
        rows.add(row("ES384 under the trusted kid", withHeader(h -> h.put("alg", "ES384"))));
        rows.add(row("jwk: attacker's key embedded and used", RawJws.es256(ATTACKER,
                header(h -> { h.put("kid", "attacker"); h.put("jwk", ATTACKER.toPublicJWK().toJSONObject()); }), goodClaims())));
        rows.add(row("jwk: attacker's key embedded, trusted kid", RawJws.es256(ATTACKER,
                header(h -> h.put("jwk", ATTACKER.toPublicJWK().toJSONObject())), goodClaims())));
        rows.add(row("jku pointing at a server holding the attacker's key", RawJws.es256(ATTACKER,
                header(h -> { h.put("kid", "attacker"); h.put("jku", keyUrlBase + "/jwks.json"); }), goodClaims())));
        rows.add(row("jku with the trusted kid", withHeader(h -> h.put("jku", keyUrlBase + "/jwks2.json"))));
        rows.add(row("x5u pointing at a local server", RawJws.es256(ATTACKER,
                header(h -> { h.put("kid", "attacker"); h.put("x5u", keyUrlBase + "/cert.pem"); }), goodClaims())));
        rows.add(row("x5u with the trusted kid", withHeader(h -> h.put("x5u", keyUrlBase + "/cert2.pem"))));
        rows.add(row("unknown crit parameter", withHeader(h -> { h.put("crit", List.of("exp-policy")); h.put("exp-policy", true); })));
        rows.add(row("crit naming a standard parameter", withHeader(h -> h.put("crit", List.of("kid")))));
        rows.add(row("kid with path traversal", withHeader(h -> h.put("kid", "../../../../../etc/passwd"))));
        rows.add(row("kid with an encoded traversal and NUL", withHeader(h -> h.put("kid", "..%2F..%2Fkeys%00.json"))));
        rows.add(row("kid of 10 KB", withHeader(h -> h.put("kid", "k".repeat(10 * 1024)))));
        rows.add(row("kid of 5 KB (under the length limit)", withHeader(h -> h.put("kid", "k".repeat(5 * 1024)))));
        rows.add(row("kid unknown", withHeader(h -> h.put("kid", "no-such-key"))));
        rows.add(row("kid empty", withHeader(h -> h.put("kid", ""))));
        rows.add(row("kid missing", withHeader(h -> h.remove("kid"))));
        rows.add(row("kid a number", withHeader(h -> h.put("kid", 1))));
        rows.add(row("exp missing", withClaims(c -> c.remove("exp"))));
        rows.add(row("exp a string", withClaims(c -> c.put("exp", Long.toString(now + 300)))));
        rows.add(row("exp expired beyond the skew", withClaims(c -> { c.put("iat", now - 400); c.put("exp", now - 120); })));
        rows.add(row("exp negative", withClaims(c -> c.put("exp", -1))));
        rows.add(row("exp huge", withClaims(c -> c.put("exp", 1e300))));
        rows.add(row("nbf in the future beyond the skew", withClaims(c -> c.put("nbf", now + 120))));
        rows.add(row("iat in the future beyond the skew", withClaims(c -> c.put("iat", now + 120))));
        rows.add(row("iss wrong", withClaims(c -> c.put("iss", "http://evil.test:7070"))));
        rows.add(row("iss missing", withClaims(c -> c.remove("iss"))));
        rows.add(row("iss differing only in case", withClaims(c -> c.put("iss", FixtureServer.ISSUER.toUpperCase()))));
        rows.add(row("aud wrong", withClaims(c -> c.put("aud", "orders"))));
        rows.add(row("aud missing", withClaims(c -> c.remove("aud"))));
        rows.add(row("aud an array holding this service", withClaims(c -> c.put("aud", List.of("inventory")))));
        rows.add(row("aud an array holding this and another", withClaims(c -> c.put("aud", List.of("orders", "inventory")))));
        rows.add(row("aud with different case", withClaims(c -> c.put("aud", "Inventory"))));
        rows.add(row("typ JWT", withHeader(h -> h.put("typ", "JWT"))));
        rows.add(row("typ missing", withHeader(h -> h.remove("typ"))));
        rows.add(row("typ of a policy bundle", withHeader(h -> h.put("typ", "rolegate-policy+jwt"))));
        rows.add(row("JWE (RSA-OAEP, A256GCM) instead of a JWS", RawJws.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\""
                + SERVER.kid() + "\"}") + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"));
        rows.add(row("JWE (dir) with three segments", RawJws.b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".AAAA.AAAA"));
        rows.add(row("oversized token (64 KB)", withClaims(c -> c.put("pad", "x".repeat(64 * 1024)))));
        rows.add(row("oversized token (1 MB)", "a".repeat(1024 * 1024)));
        rows.add(row("oversized JOSE header (64 KB)", withHeader(h -> h.put("x-pad", "x".repeat(64 * 1024)))));
        rows.add(row("header nested 2,500 levels deep", signed(
                header(h -> { }).replace("}", ",\"n\":" + "[".repeat(2500) + "]".repeat(2500) + "}"), goodClaims())));
        rows.add(row("payload nested 800 levels deep", signed(header(h -> { }),
                goodClaims().replace("}", ",\"n\":" + "{\"a\":".repeat(800) + "1" + "}".repeat(800) + "}"))));
        rows.add(row("payload nested 100,000 levels deep (over the length limit)", signed(header(h -> { }),
                goodClaims().replace("}", ",\"n\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"))));
        rows.add(row("malformed base64 in the header", "e*J!" + withHeader(h -> { }).substring(4)));
        rows.add(row("standard base64 with padding instead of base64url", java.util.Base64.getEncoder().encodeToString(
                header(h -> { }).getBytes(StandardCharsets.UTF_8)) + "==." + RawJws.b64(goodClaims()) + ".AAAA"));
        rows.add(row("malformed base64 in the signature", withHeader(h -> { }) + "%%"));
        rows.add(row("header not JSON", signed("not json", goodClaims())));
        rows.add(row("payload not JSON", signed(header(h -> { }), "[1,2,3")));
        rows.add(row("payload a JSON array", signed(header(h -> { }), "[1,2,3]")));
        rows.add(row("one segment", RawJws.b64(header(h -> { }))));
        rows.add(row("two segments", RawJws.b64(header(h -> { })) + "." + RawJws.b64(goodClaims())));
        rows.add(row("four segments", withHeader(h -> { }) + ".AAAA"));
        rows.add(row("six segments", withHeader(h -> { }) + ".AAAA.AAAA.AAAA"));
        rows.add(row("only dots", "...."));
        rows.add(row("empty", ""));
        rows.add(row("Bearer prefix", "Bearer " + withHeader(h -> { })));
        rows.add(row("roles a string", withClaims(c -> c.put("roles", "inventory-reader"))));
        rows.add(row("roles holding a number", withClaims(c -> c.put("roles", List.of(1)))));
        rows.add(row("roles missing", withClaims(c -> c.remove("roles"))));
        rows.add(row("sub missing", withClaims(c -> c.remove("sub"))));
        rows.add(row("sub a look-alike (Cyrillic o)", withClaims(c -> { c.put("sub", "\u043erders"); c.put("client_id", "\u043erders"); })));
        rows.add(row("client_id differing from sub", withClaims(c -> c.put("client_id", "nightly-report"))));
        rows.add(row("signature by another key under the trusted kid", RawJws.es256(ATTACKER, header(h -> { }), goodClaims())));
        rows.add(row("signature truncated", withHeader(h -> { }).replaceAll(".{8}$", "")));
        rows.add(row("signature of another token", spliced()));
        rows.add(row("token for orders replayed to inventory", SERVER.sign("at+jwt",
                FixtureServer.tokenClaims("inventory", "orders", List.of("orders-writer"), 300))));
        return rows.stream();
    }

    /** Header and payload of one valid token with the signature of another. */
    private static String spliced() {
        String a = withClaims(c -> c.put("jti", "a"));
        String b = withClaims(c -> c.put("jti", "b"));
        return a.substring(0, a.lastIndexOf('.')) + b.substring(b.lastIndexOf('.'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void isRefusedWith401InvalidTokenInBoundedTime(String token) throws Exception {
        InboundEnforcer enforcer = enforcer();

        InboundDecision d = assertTimeoutPreemptively(BOUND,
                () -> enforcer.decide("GET", "/items/1", new String[] {token}, new String[0]));

        assertThat(d.proceed()).as("let through").isFalse();
        assertThat(d.status()).isEqualTo(401);
        assertThat(List.of(d.headers())).anySatisfy(h -> assertThat(h).contains("invalid_token"));
    }

    @Test
    void controlAcceptsTheTokenTheTableMutates() throws Exception {
        InboundDecision d = enforcer().decide("GET", "/items/1", new String[] {withHeader(h -> { })}, new String[0]);

        assertThat(d.proceed()).isTrue();
        assertThat(d.caller()).isEqualTo("orders");
    }

    @Test
    void neverFetchesAnythingFromJkuOrX5u() throws Exception {
        InboundEnforcer enforcer = enforcer();
        List<String> tokens = hostileTokens().map(a -> (String) ((Named<?>) a.get()[0]).getPayload()).toList();

        for (String t : tokens) {
            enforcer.decide("GET", "/items/1", new String[] {t}, new String[0]);
        }

        assertThat(tokens).hasSizeGreaterThan(60);
        assertThat(KEY_URL_HITS.get()).as("requests to the jku/x5u server").isZero();
    }
}
