package dev.rolegate.agent.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.config.Mode;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions for servers that pass both the raw target and the path they route (servlet containers):
 * the raw target is checked for ambiguity, the routed path is what is decided on.
 */
class RoutedPathDecisionTest {
    private static final String[] NONE = new String[0];
    private final TestKeys keys = TestKeys.generate();
    private InboundEnforcer enforcer;

    @BeforeEach
    void setUp() throws Exception {
        PolicySnapshot snapshot = new PolicySnapshot(7, FixtureServer.ISSUER,
                CompiledPolicy.compile(PolicyParser.parse(TestPolicies.INVENTORY, "test")), "jws", "jwks", "server");
        KeySource ks = new KeySource(keys::jwksJson, Runnable::run);
        ks.set(keys.jwksJson());
        TokenVerifier verifier = new TokenVerifier("inventory", ks, () -> FixtureServer.ISSUER, System::currentTimeMillis);
        enforcer = new InboundEnforcer("inventory", Mode.ENFORCE, false, () -> snapshot, verifier,
                new AuditSink(List.of(), 10), System::currentTimeMillis);
    }

    private String[] readerToken() {
        return new String[] {keys.sign("at+jwt", FixtureServer.tokenClaims("orders", "inventory", List.of("inventory-reader"), 300))};
    }

    @Test
    void decidesOnTheRoutedPathRatherThanTheRawTarget() {
        // The raw target would be public; the container routes somewhere else, which is not.
        InboundDecision d = enforcer.decide("GET", "/health", "/admin", NONE, NONE);
        assertThat(d.status()).isEqualTo(401);
    }

    @Test
    void allowsWhenTheRoutedPathIsAllowed() {
        InboundDecision d = enforcer.decide("GET", "/items/%37", "/items/7", readerToken(), NONE);
        assertThat(d.proceed()).isTrue();
        assertThat(d.caller()).isEqualTo("orders");
    }

    @Test
    void rejectsAnAmbiguousRawTargetEvenWhenTheRoutedPathIsClean() {
        InboundDecision d = enforcer.decide("GET", "/health/..;/items", "/items", readerToken(), NONE);
        assertThat(d.status()).isEqualTo(400);
    }

    @Test
    void rejectsARoutedPathWithADotSegment() {
        InboundDecision d = enforcer.decide("GET", "/items", "/health/../items", readerToken(), NONE);
        assertThat(d.status()).isEqualTo(400);
    }

    @Test
    void rejectsARoutedPathThatIsNotAPath() {
        assertThat(enforcer.decide("GET", "/items", "items", readerToken(), NONE).status()).isEqualTo(400);
    }

    @Test
    void readsAPercentSignInTheRoutedPathLiterally() {
        // raw "/items/100%25" is routed as "/items/100%": one segment, matched by /items/*
        InboundDecision d = enforcer.decide("GET", "/items/100%25", "/items/100%", readerToken(), NONE);
        assertThat(d.proceed()).isTrue();
    }

    @Test
    void readsAQuestionMarkInTheRoutedPathAsPartOfThePath() {
        // raw "/health%3Fx" is routed as "/health?x"; cutting at '?' would find the public "/health"
        InboundDecision d = enforcer.decide("GET", "/health%3Fx", "/health?x", NONE, NONE);
        assertThat(d.status()).isEqualTo(401);
    }

    @Test
    void fallsBackToTheRawTargetWhenTheRoutedPathIsUnknown() {
        InboundDecision d = enforcer.decide("GET", "/health", null, NONE, NONE);
        assertThat(d.proceed()).isTrue();
    }
}
