package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledPolicyDecisionTest {
    private final CompiledPolicy policy = TestPolicies.base();
    private static final List<String> READER = List.of("inventory-reader");

    @Test
    void allowsGetWhenRoleAllowsGet() {
        Decision d = policy.decide("orders", READER, "inventory", "GET", "/items/7");

        assertThat(d.allowed()).isTrue();
        assertThat(d.role()).isEqualTo("inventory-reader");
    }

    @Test
    void allowedDecisionNamesTheGrantingRuleWithMethodsAndPattern() {
        Decision d = policy.decide("orders", READER, "inventory", "GET", "/items/7");

        assertThat(d.rule()).isEqualTo("GET,HEAD /items/*");
    }

    @Test
    void allowedDecisionReasonNamesCallerMethodPathAndService() {
        Decision d = policy.decide("orders", READER, "inventory", "GET", "/items/7");

        assertThat(d.reason()).contains("inventory-reader", "orders", "GET /items/7", "inventory");
    }

    @Test
    void deniesPostWhenRoleOnlyAllowsGet() {
        Decision d = policy.decide("orders", READER, "inventory", "POST", "/items/7");

        assertThat(d.allowed()).isFalse();
        assertThat(d.role()).isNull();
        assertThat(d.rule()).isNull();
        assertThat(d.reason()).isEqualTo("no role of orders allows POST /items/7 on inventory");
    }

    @Test
    void headIsAllowedOnlyWhenListed() {
        assertThat(policy.decide("orders", READER, "inventory", "HEAD", "/items").allowed()).isTrue();
    }

    @Test
    void getDoesNotImplyHead() {
        CompiledPolicy p = TestPolicies.compile(TestPolicies.withRule("inventory", "[GET]", "[\"/items\"]")
                + "bindings: [{role: reader, identities: [inventory]}]\n");

        assertThat(p.decide("inventory", List.of("reader"), "inventory", "HEAD", "/items").allowed()).isFalse();
    }

    @Test
    void methodsAreCaseSensitive() {
        assertThat(policy.decide("orders", READER, "inventory", "get", "/items").allowed()).isFalse();
    }

    @Test
    void starMethodAllowsAnyMethod() {
        List<String> admin = List.of("order-admin");

        assertThat(policy.decide("nightly-report", admin, "orders", "DELETE", "/orders/1").allowed()).isTrue();
        assertThat(policy.decide("nightly-report", admin, "orders", "PATCH", "/orders").allowed()).isTrue();
    }

    @Test
    void deniesPathOutsideEveryPattern() {
        assertThat(policy.decide("orders", READER, "inventory", "GET", "/items/7/parts").allowed()).isFalse();
    }

    @Test
    void deniesRoleThatIsBoundButNotPresented() {
        Decision d = policy.decide("orders", List.of(), "inventory", "GET", "/items");

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("inventory-reader", "does not carry it");
    }

    @Test
    void deniesPresentedRoleThatIsNoLongerBound() {
        Decision d = policy.decide("orders", List.of("inventory-writer"), "inventory", "POST", "/items/7");

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).startsWith("role inventory-writer presented by orders is no longer bound to it")
                .contains("POST /items/7", "inventory");
    }

    @Test
    void deniesCallerWithoutAnyRoleOnTheService() {
        Decision d = policy.decide("visitor", List.of(), "inventory", "GET", "/items");

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).startsWith("visitor has no role bound on inventory").contains("GET /items");
    }

    @Test
    void deniesUnknownServiceWithReason() {
        Decision d = policy.decide("orders", READER, "invent", "GET", "/items");

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("\"invent\"", "orders", "GET /items");
    }

    @Test
    void deniesUnknownCallerWithReason() {
        Decision d = policy.decide("ghost", READER, "inventory", "GET", "/items");

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("\"ghost\"", "not an identity", "GET /items", "inventory");
    }

    @Test
    void ignoresPresentedRolesThatDoNotExist() {
        assertThat(policy.decide("orders", List.of("superuser"), "inventory", "GET", "/items").allowed()).isFalse();
    }

    @Test
    void deniesWhenPresentedRolesAreNull() {
        assertThat(policy.decide("orders", null, "inventory", "GET", "/items").allowed()).isFalse();
    }

    @Test
    void acceptsPresentedRolesAsASet() {
        assertThat(policy.decide("orders", Set.of("inventory-reader"), "inventory", "GET", "/items").allowed()).isTrue();
    }

    @Test
    void grantingRoleIsTheFirstInRolesSectionOrder() {
        CompiledPolicy p = TestPolicies.compile(TestPolicies.yaml(
                "services: { inventory: {} }",
                "roles:",
                "  broad: { allow: [{ service: inventory, methods: [GET], paths: [\"/**\"] }] }",
                "  narrow: { allow: [{ service: inventory, methods: [GET], paths: [\"/items\"] }] }",
                "bindings:",
                "  - { role: narrow, identities: [inventory] }",
                "  - { role: broad, identities: [inventory] }"));

        Decision d = p.decide("inventory", List.of("narrow", "broad"), "inventory", "GET", "/items");

        assertThat(d.role()).isEqualTo("broad");
        assertThat(d.rule()).isEqualTo("GET /**");
    }

    @Test
    void ruleOnAnotherServiceDoesNotAllow() {
        assertThat(policy.decide("nightly-report", List.of("order-admin"), "inventory", "GET", "/orders/1").allowed())
                .isFalse();
    }

    @Test
    void checkUsesEveryBoundRole() {
        assertThat(policy.check("nightly-report", "inventory", "PUT", "/items/9").allowed()).isTrue();
    }

    @Test
    void rolesBoundToListsRolesInDocumentOrder() {
        assertThat(policy.rolesBoundTo("nightly-report"))
                .containsExactly("inventory-reader", "inventory-writer", "order-admin");
    }

    @Test
    void rolesBoundToIsEmptyForUnknownIdentity() {
        assertThat(policy.rolesBoundTo("ghost")).isEmpty();
    }

    @Test
    void rolesGrantingOnListsOnlyRolesWithARuleOnTheService() {
        assertThat(policy.rolesGrantingOn("nightly-report", "inventory"))
                .containsExactly("inventory-reader", "inventory-writer");
    }

    @Test
    void rolesGrantingOnIsEmptyForCallerWithoutRoles() {
        assertThat(policy.rolesGrantingOn("visitor", "inventory")).isEmpty();
    }

    @Test
    void rolesGrantingOnIsEmptyForUnknownService() {
        assertThat(policy.rolesGrantingOn("orders", "nowhere")).isEmpty();
    }

    @Test
    void isPublicMatchesMethodAndPath() {
        assertThat(policy.isPublic("inventory", "GET", "/health")).isTrue();
    }

    @Test
    void isPublicRequiresTheListedMethod() {
        assertThat(policy.isPublic("inventory", "POST", "/health")).isFalse();
    }

    @Test
    void isPublicWithStarMethodMatchesAnyMethod() {
        assertThat(policy.isPublic("inventory", "DELETE", "/status/disk")).isTrue();
    }

    @Test
    void isPublicIsFalseForOtherService() {
        assertThat(policy.isPublic("orders", "GET", "/health")).isFalse();
    }

    @Test
    void isServiceAndIsIdentityDistinguishServicesFromCallingOnlyIdentities() {
        assertThat(policy.isService("inventory")).isTrue();
        assertThat(policy.isService("nightly-report")).isFalse();
        assertThat(policy.isIdentity("nightly-report")).isTrue();
        assertThat(policy.isIdentity("inventory")).isTrue();
        assertThat(policy.isIdentity("ghost")).isFalse();
    }

    @Test
    void documentReturnsTheCompiledDocument() {
        PolicyDocument doc = TestPolicies.parse(TestPolicies.BASE);

        assertThat(CompiledPolicy.compile(doc).document()).isSameAs(doc);
    }

    @Test
    void trailingSlashInRequestPathIsNotSignificantForDecisions() {
        assertThat(policy.decide("orders", READER, "inventory", "GET", "/items/").allowed()).isTrue();
    }

    @Test
    void compileRejectsHandBuiltDocumentWithMalformedPattern() {
        PolicyDocument doc = new PolicyDocument(
                java.util.Map.of("inventory", new PolicyDocument.ServiceDef("inventory", List.of(), List.of())),
                java.util.Map.of(),
                java.util.Map.of("r", new PolicyDocument.RoleDef("r", null,
                        List.of(new PolicyDocument.Rule("inventory", List.of("GET"), List.of("items"))))),
                List.of());

        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CompiledPolicy.compile(doc));
    }
}
