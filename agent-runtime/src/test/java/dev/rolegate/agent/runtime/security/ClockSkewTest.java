package dev.rolegate.agent.runtime.security;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clocks that differ between the policy server's host and the receiving service's host (issue 6,
 * "Faults"): a token the server issued at its own time {@code T} (iat = nbf = T, exp = T + 300 s) is
 * presented to the real inbound path of an agent whose clock reads {@code T + offset}. Within the
 * allowed 60 s of skew it passes, whichever clock runs ahead; beyond it, it is refused 401. The clocks
 * are fixed numbers, so the cases do not depend on when the test runs.
 */
class ClockSkewTest {
    private static final TestKeys SERVER = TestKeys.generate();
    private static final long TTL_SECONDS = 300;
    /** The server's clock when it issued the token, whole seconds as in the claims. */
    private static final long ISSUED_AT = 1_800_000_000L;

    private static InboundEnforcer enforcerWithClockAt(long agentMillis) throws Exception {
        KeySource keys = new KeySource(SERVER::jwksJson, Runnable::run);
        keys.set(SERVER.jwksJson());
        PolicySnapshot snapshot = new PolicySnapshot(1, FixtureServer.ISSUER,
                CompiledPolicy.compile(PolicyParser.parse(TestPolicies.INVENTORY, "test")), "jws", "jwks", "test");
        TokenVerifier verifier = new TokenVerifier("inventory", keys, snapshot::issuer, () -> agentMillis);
        return new InboundEnforcer("inventory", Mode.ENFORCE, false, () -> snapshot, verifier, AuditSink.discarding(),
                () -> agentMillis);
    }

    private static String tokenIssuedAtServerTime() {
        Map<String, Object> claims = new LinkedHashMap<>(FixtureServer.tokenClaims("orders", "inventory",
                List.of("inventory-reader"), TTL_SECONDS));
        claims.put("iat", ISSUED_AT);
        claims.put("nbf", ISSUED_AT);
        claims.put("exp", ISSUED_AT + TTL_SECONDS);
        return SERVER.sign("at+jwt", claims);
    }

    private static InboundDecision presentWithAgentClockOffBy(long offsetSeconds) throws Exception {
        InboundEnforcer enforcer = enforcerWithClockAt((ISSUED_AT + offsetSeconds) * 1000);
        return enforcer.decide("GET", "/items/1", new String[] {tokenIssuedAtServerTime()}, new String[0]);
    }

    /**
     * Negative: the agent's clock is behind the server's, so iat and nbf lie in its future. Positive
     * beyond the lifetime: the agent's clock is ahead, so the token looks expired by up to 59 s.
     */
    @ParameterizedTest(name = "agent clock off by {0} s")
    @ValueSource(longs = {-59, -30, -1, 0, 1, 30, 150, TTL_SECONDS + 1, TTL_SECONDS + 30, TTL_SECONDS + 59})
    void acceptsATokenWhenTheHostsClocksDifferWithinTheSkew(long offsetSeconds) throws Exception {
        InboundDecision d = presentWithAgentClockOffBy(offsetSeconds);

        assertThat(d.proceed()).as("status %d", d.status()).isTrue();
        assertThat(d.caller()).isEqualTo("orders");
    }

    @ParameterizedTest(name = "agent clock off by {0} s")
    @ValueSource(longs = {-61, -90, -3600, TTL_SECONDS + 60, TTL_SECONDS + 61, TTL_SECONDS + 3600})
    void refusesATokenWhenTheHostsClocksDifferBeyondTheSkew(long offsetSeconds) throws Exception {
        InboundDecision d = presentWithAgentClockOffBy(offsetSeconds);

        assertThat(d.proceed()).isFalse();
        assertThat(d.status()).isEqualTo(401);
        assertThat(List.of(d.headers())).anySatisfy(h -> assertThat(h).contains("invalid_token"));
    }
}
