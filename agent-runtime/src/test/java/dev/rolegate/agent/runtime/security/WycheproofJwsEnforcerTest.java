package dev.rolegate.agent.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every case of Wycheproof's {@code json_web_signature_test.json} presented as a token to the agent's
 * real inbound path, with the vector's own key trusted as if the policy server had published it. None
 * of them is a Rolegate token (no {@code typ: at+jwt}, foreign claims), so every one must be refused
 * 401 without crashing and in bounded time, whatever its algorithm or malformation. The signature
 * verdict of each vector is checked on the shared primitive by {@code WycheproofJwsTest}.
 */
class WycheproofJwsEnforcerTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TestFactory
    List<DynamicTest> everyVectorIsRefusedByTheEnforcerWithoutCrashing() throws Exception {
        JsonNode root = new ObjectMapper().readTree(WycheproofFiles.read("json_web_signature_test.json"));
        CompiledPolicy policy = CompiledPolicy.compile(PolicyParser.parse(TestPolicies.INVENTORY, "test"));
        PolicySnapshot snapshot = new PolicySnapshot(1, FixtureServer.ISSUER, policy, "jws", "jwks", "test");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            JsonNode keyNode = group.has("public") ? group.get("public") : group.get("private");
            JWK pub = JWK.parse(keyNode.toString()).toPublicJWK();
            String jwks = (pub == null ? new JWKSet() : new JWKSet(pub)).toString();
            for (JsonNode t : group.get("tests")) {
                String jws = t.get("jws").asText();
                String name = "tcId " + t.get("tcId").asInt() + " " + t.get("comment").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    InboundDecision d = assertTimeoutPreemptively(BOUND,
                            () -> EnforcerWithKeys.decide(jwks, snapshot, jws));

                    assertThat(d.proceed()).isFalse();
                    assertThat(d.status()).isEqualTo(401);
                }));
            }
        }
        assertThat(tests).hasSize(root.get("numberOfTests").asInt());
        return tests;
    }
}
