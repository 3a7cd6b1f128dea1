package dev.rolegate.agent.runtime.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolegate.agent.runtime.audit.AuditRecord;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.audit.CapturingOutput;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class InboundEnforcerTest {
    private static final String[] NONE = new String[0];
    private final TestKeys keys = TestKeys.generate();
    private final AtomicReference<PolicySnapshot> policy = new AtomicReference<>();
    private final CapturingOutput audited = new CapturingOutput();
    private final AuditSink audit = new AuditSink(List.of(audited), 100);
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        KeySource ks = new KeySource(keys::jwksJson, Runnable::run);
        ks.set(keys.jwksJson());
        verifier = new TokenVerifier("inventory", ks, () -> policy.get() == null ? null : policy.get().issuer(),
                System::currentTimeMillis);
        load(7, TestPolicies.INVENTORY);
    }

    private void load(long rev, String json) throws Exception {
        policy.set(new PolicySnapshot(rev, FixtureServer.ISSUER, CompiledPolicy.compile(PolicyParser.parse(json, "test")),
                "jws", "jwks", "server"));
    }

    private InboundEnforcer enforcer(Mode mode) {
        return new InboundEnforcer("inventory", mode, false, policy::get, verifier, audit, System::currentTimeMillis);
    }

    private String tokenOf(String caller, String... roles) {
        return keys.sign("at+jwt", FixtureServer.tokenClaims(caller, "inventory", List.of(roles), 300));
    }

    private InboundDecision decide(Mode mode, String method, String target, String... tokens) {
        return enforcer(mode).decide(method, target, tokens, NONE);
    }

    private List<AuditRecord> audited() {
        audit.close();
        return audited.records;
    }

    private static JsonNode body(InboundDecision d) throws Exception {
        return new ObjectMapper().readTree(new String(d.body(), StandardCharsets.UTF_8));
    }

    private static String header(InboundDecision d, String name) {
        for (int i = 0; i < d.headerCount(); i++) {
            if (d.headerName(i).equalsIgnoreCase(name)) {
                return d.headerValue(i);
            }
        }
        return null;
    }

    @Test
    void row1AnswersServiceUnavailableWhenNoPolicyWasEverLoaded() throws Exception {
        policy.set(null);
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/health");
        assertThat(d.proceed()).isFalse();
        assertThat(d.status()).isEqualTo(503);
        assertThat(body(d).get("status").asInt()).isEqualTo(503);
        assertThat(audited()).singleElement().satisfies(r -> assertThat(r.decision()).isEqualTo("deny"));
    }

    @Test
    void row2AnswersBadRequestForAnAmbiguousPathBeforeThePublicCheck() throws Exception {
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/health/../items");
        assertThat(d.status()).isEqualTo(400);
        assertThat(body(d).get("title").asText()).isEqualTo("Bad Request");
        assertThat(audited()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void row2RejectsAnEncodedSlash() {
        assertThat(decide(Mode.ENFORCE, "GET", "/items%2F7", tokenOf("orders", "inventory-reader")).status()).isEqualTo(400);
    }

    @Test
    void row3LetsAPublicRequestThroughWithoutATokenOrAnAuditRecord() {
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/health");
        assertThat(d.proceed()).isTrue();
        assertThat(d.caller()).isNull();
        assertThat(audited()).isEmpty();
    }

    @Test
    void row3PublicEntryDoesNotCoverAnOverriddenMethod() {
        InboundDecision d = enforcer(Mode.ENFORCE).decide("GET", "/health", NONE, new String[] {"DELETE"});
        assertThat(d.status()).isEqualTo(401);
    }

    @Test
    void row4AnswersUnauthorizedWithABearerChallengeWhenThereIsNoToken() throws Exception {
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/items");
        assertThat(d.status()).isEqualTo(401);
        assertThat(header(d, "WWW-Authenticate")).isEqualTo("Bearer realm=\"rolegate\"");
        JsonNode b = body(d);
        assertThat(b.get("type").asText()).isEqualTo("about:blank");
        assertThat(b.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(b.get("detail").asText()).isNotBlank();
    }

    @Test
    void row5AnswersInvalidTokenForTwoTokenHeaders() {
        String t = tokenOf("orders", "inventory-reader");
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/items", t, t);
        assertThat(d.status()).isEqualTo(401);
        assertThat(header(d, "WWW-Authenticate")).isEqualTo("Bearer realm=\"rolegate\", error=\"invalid_token\"");
    }

    @Test
    void row5AnswersInvalidTokenForATokenThatFailsVerificationWithoutEchoingIt() throws Exception {
        String forged = TestKeys.generate().sign("at+jwt", FixtureServer.tokenClaims("orders", "inventory",
                List.of("inventory-reader"), 300), b -> b.keyID(keys.kid()));
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/items", forged);
        assertThat(d.status()).isEqualTo(401);
        assertThat(header(d, "WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(new String(d.body(), StandardCharsets.UTF_8)).doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
        assertThat(audited.lines).noneMatch(l -> l.contains(forged));
    }

    @Test
    void row6AnswersForbiddenNamingCallerMethodPathAndService() throws Exception {
        String t = tokenOf("orders", "inventory-reader");
        InboundDecision d = decide(Mode.ENFORCE, "POST", "/items/7", t);
        assertThat(d.status()).isEqualTo(403);
        String detail = body(d).get("detail").asText();
        assertThat(detail).contains("orders").contains("POST").contains("/items/7").contains("inventory");
        assertThat(new String(d.body(), StandardCharsets.UTF_8)).doesNotContain(t);
        assertThat(audited()).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo("deny");
            assertThat(r.caller()).isEqualTo("orders");
            assertThat(r.roles()).containsExactly("inventory-reader");
            assertThat(r.rev()).isEqualTo(7);
        });
    }

    @Test
    void row7LetsAnAllowedRequestThroughWithTheCallerAndAuditsTheGrantingRole() {
        InboundDecision d = decide(Mode.ENFORCE, "GET", "/items/7?x=1", tokenOf("orders", "inventory-reader"));
        assertThat(d.proceed()).isTrue();
        assertThat(d.caller()).isEqualTo("orders");
        assertThat(audited()).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo("allow");
            assertThat(r.role()).isEqualTo("inventory-reader");
            assertThat(r.path()).isEqualTo("/items/7");
            assertThat(r.mode()).isEqualTo("enforce");
        });
    }

    @Test
    void decidesAnAbsoluteFormTargetOnItsPath() {
        InboundDecision d = decide(Mode.ENFORCE, "GET", "http://inventory:8080/items/7", tokenOf("orders", "inventory-reader"));
        assertThat(d.caller()).isEqualTo("orders");
    }

    @Test
    void deniesARoleTheTokenCarriesButThePolicyNoLongerBinds() throws Exception {
        String t = tokenOf("orders", "inventory-reader");
        assertThat(decide(Mode.ENFORCE, "GET", "/items", t).proceed()).isTrue();
        load(8, TestPolicies.INVENTORY_ORDERS_REVOKED);
        assertThat(decide(Mode.ENFORCE, "GET", "/items", t).status()).isEqualTo(403);
    }

    @Test
    void deniesWhenTheOverridingMethodIsNotAllowed() {
        InboundDecision d = enforcer(Mode.ENFORCE).decide("GET", "/items/7",
                new String[] {tokenOf("orders", "inventory-reader")}, new String[] {"DELETE"});
        assertThat(d.status()).isEqualTo(403);
    }

    @Test
    void allowsAnOverrideWhenBothMethodsAreAllowed() {
        InboundDecision d = enforcer(Mode.ENFORCE).decide("GET", "/items/7",
                new String[] {tokenOf("nightly-report", "inventory-reader", "inventory-deleter")}, new String[] {"DELETE"});
        assertThat(d.caller()).isEqualTo("nightly-report");
    }

    @Test
    void checksALowerCaseOverrideAlsoUpperCased() {
        InboundDecision d = enforcer(Mode.ENFORCE).decide("GET", "/items/7",
                new String[] {tokenOf("orders", "inventory-reader")}, new String[] {"delete"});
        assertThat(d.status()).isEqualTo(403);
    }

    @Test
    void rejectsAMalformedOverrideValueAsAmbiguous() {
        InboundDecision d = enforcer(Mode.ENFORCE).decide("GET", "/items/7",
                new String[] {tokenOf("orders", "inventory-reader")}, new String[] {"GET, DELETE"});
        assertThat(d.status()).isEqualTo(400);
    }

    @Test
    void refusesEverythingWhenThisIdentityIsNotAServiceOfThePolicy() throws Exception {
        InboundEnforcer e = new InboundEnforcer("nightly-report", Mode.ENFORCE, false, policy::get, verifier, audit,
                System::currentTimeMillis);
        InboundDecision d = e.decide("GET", "/health", NONE, NONE);
        assertThat(d.status()).isEqualTo(403);
        assertThat(body(d).get("detail").asText()).contains("nightly-report is not a service");
    }

    @Test
    void monitorModeLetsADeniedRequestThroughWithItsCallerAndAuditsWouldDeny() {
        InboundDecision d = decide(Mode.MONITOR, "POST", "/items/7", tokenOf("orders", "inventory-reader"));
        assertThat(d.proceed()).isTrue();
        assertThat(d.caller()).isEqualTo("orders");
        assertThat(audited()).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo("would-deny");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.mode()).isEqualTo("monitor");
        });
    }

    @Test
    void monitorModeLetsARequestWithoutTokenThroughAndAuditsTheWouldBe401() {
        InboundDecision d = decide(Mode.MONITOR, "GET", "/items");
        assertThat(d.proceed()).isTrue();
        assertThat(d.caller()).isNull();
        assertThat(audited()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void monitorModeLetsAnAmbiguousPathThroughAndAuditsTheWouldBe400() {
        assertThat(decide(Mode.MONITOR, "GET", "/a/../b").proceed()).isTrue();
        assertThat(audited()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void monitorModeWithoutPolicyLetsRequestsThrough() {
        policy.set(null);
        assertThat(decide(Mode.MONITOR, "GET", "/items").proceed()).isTrue();
    }

    @Test
    void monitorModeAllowedRequestIsAuditedAsAllow() {
        decide(Mode.MONITOR, "GET", "/items", tokenOf("orders", "inventory-reader"));
        assertThat(audited()).singleElement().satisfies(r -> assertThat(r.decision()).isEqualTo("allow"));
    }

    @Test
    void modeOffChecksNothing() {
        InboundDecision d = decide(Mode.OFF, "DELETE", "/a/../b");
        assertThat(d.proceed()).isTrue();
        assertThat(audited()).isEmpty();
    }

    @Test
    void aConfigurationErrorAnswersServiceUnavailableToEverything() {
        InboundEnforcer e = new InboundEnforcer("inventory", null, true, policy::get, verifier, audit,
                System::currentTimeMillis);
        assertThat(e.decide("GET", "/health", NONE, NONE).status()).isEqualTo(503);
        assertThat(e.decide("GET", "/items", new String[] {tokenOf("orders", "inventory-reader")}, NONE).status())
                .isEqualTo(503);
    }
}
