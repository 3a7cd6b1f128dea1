package dev.rolegate.policy;

import static dev.rolegate.policy.TestPolicies.problems;
import static dev.rolegate.policy.TestPolicies.withRule;
import static dev.rolegate.policy.TestPolicies.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of problem a YAML document can have, one per test, with its location and message. */
class PolicyValidationTest {

    private static Problem only(String text) {
        List<Problem> problems = problems(text);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    // ---- apiVersion and structure --------------------------------------------------------

    @Test
    void rejectsUnknownApiVersion() {
        Problem p = only("apiVersion: rolegate/v2\n");

        assertThat(p.location()).isEqualTo("line 1, column 13 (apiVersion)");
        assertThat(p.message()).contains("unknown apiVersion \"rolegate/v2\"");
    }

    @Test
    void rejectsMissingApiVersion() {
        assertThat(only("services: {}\n").message()).contains("missing required field \"apiVersion\"");
    }

    @Test
    void rejectsEmptyDocument() {
        assertThat(only("").message()).contains("empty");
    }

    @Test
    void rejectsDocumentThatIsNotAMapping() {
        assertThat(only("- a\n- b\n").message()).contains("must be a mapping");
    }

    @Test
    void rejectsUnknownTopLevelField() {
        Problem p = only(yaml("servces: {}"));

        assertThat(p.location()).isEqualTo("line 2, column 1 (servces)");
        assertThat(p.message()).contains("unknown field \"servces\"", "services");
    }

    @Test
    void rejectsUnknownFieldInService() {
        Problem p = only(yaml("services:", "  inventory: { adresses: [\"a:1\"] }"));

        assertThat(p.location()).isEqualTo("line 3, column 16 (services.inventory.adresses)");
        assertThat(p.message()).contains("unknown field \"adresses\"");
    }

    @Test
    void rejectsUnknownFieldInIdentity() {
        assertThat(only(yaml("identities:", "  job1: { kind: job, owner: me }")).message())
                .contains("unknown field \"owner\"");
    }

    @Test
    void rejectsUnknownFieldInRule() {
        String text = withRule("inventory", "[GET]", "[\"/a\"]").replace("        paths:", "        path: [\"/b\"]\n        paths:");

        assertThat(only(text).message()).contains("unknown field \"path\"");
    }

    @Test
    void rejectsUnknownFieldInBinding() {
        String text = yaml("services: { inventory: {} }", "roles: { r: { allow: [] } }",
                "bindings: [{ role: r, identities: [inventory], expires: never }]");

        assertThat(only(text).message()).contains("unknown field \"expires\"");
    }

    @Test
    void rejectsBareNullSection() {
        assertThat(only(yaml("roles:")).message()).contains("expected a mapping of roles", "nothing is given");
    }

    @Test
    void rejectsListWhereMappingExpected() {
        assertThat(only(yaml("services: [inventory]")).message()).contains("expected a mapping of services, got a list");
    }

    @Test
    void rejectsStringWhereListExpected() {
        String text = withRule("inventory", "GET", "[\"/a\"]");

        Problem p = only(text);
        assertThat(p.location()).endsWith("(roles.reader.allow[0].methods)");
        assertThat(p.message()).contains("expected a list of methods, got the string \"GET\"", "[GET]");
    }

    @Test
    void rejectsMappingWhereStringExpected() {
        assertThat(only(withRule("{ name: inventory }", "[GET]", "[\"/a\"]")).message())
                .contains("expected a service name, got a mapping");
    }

    // ---- required fields -----------------------------------------------------------------

    @Test
    void rejectsIdentityWithoutKind() {
        Problem p = only(yaml("identities:", "  job1: { description: x }"));

        assertThat(p.location()).isEqualTo("line 3, column 9 (identities.job1)");
        assertThat(p.message()).contains("missing required field \"kind\"");
    }

    @Test
    void rejectsUnknownIdentityKind() {
        assertThat(only(yaml("identities:", "  job1: { kind: robot }")).message())
                .contains("unknown kind \"robot\" (known: job, device, client)");
    }

    @Test
    void rejectsRoleWithoutAllow() {
        assertThat(only(yaml("roles:", "  r: { description: x }")).message()).contains("missing required field \"allow\"");
    }

    @Test
    void acceptsRoleWithEmptyAllow() {
        assertThat(TestPolicies.parse(yaml("roles:", "  r: { allow: [] }")).roles().get("r").allow()).isEmpty();
    }

    @Test
    void rejectsRuleWithoutPaths() {
        String text = yaml("services: { inventory: {} }", "roles:", "  r: { allow: [{ service: inventory, methods: [GET] }] }");

        assertThat(only(text).message()).contains("missing required field \"paths\"");
    }

    @Test
    void rejectsRuleWithEmptyMethods() {
        assertThat(only(withRule("inventory", "[]", "[\"/a\"]")).message()).contains("methods must not be empty");
    }

    @Test
    void rejectsRuleWithEmptyPaths() {
        assertThat(only(withRule("inventory", "[GET]", "[]")).message()).contains("path patterns must not be empty");
    }

    @Test
    void rejectsBindingWithoutIdentities() {
        String text = yaml("roles: { r: { allow: [] } }", "bindings: [{ role: r }]");

        assertThat(only(text).message()).contains("missing required field \"identities\"");
    }

    @Test
    void rejectsBindingWithEmptyIdentities() {
        String text = yaml("roles: { r: { allow: [] } }", "bindings: [{ role: r, identities: [] }]");

        assertThat(only(text).message()).contains("identities must not be empty");
    }

    // ---- names ---------------------------------------------------------------------------

    @Test
    void rejectsUpperCaseName() {
        Problem p = only(yaml("services:", "  Inventory: {}"));

        assertThat(p.location()).isEqualTo("line 3, column 3 (services.Inventory)");
        assertThat(p.message()).contains("\"Inventory\"", "upper-case", "\"inventory\"");
    }

    @Test
    void rejectsCyrillicLookAlikeInName() {
        Problem p = only(yaml("services:", "  \"inv\u0435ntory\": {}"));

        assertThat(p.message()).contains("non-ASCII", "U+0435");
    }

    @Test
    void rejectsNameStartingWithPunctuation() {
        assertThat(only(yaml("roles:", "  -reader: { allow: [] }")).message()).contains("must start with");
    }

    @Test
    void rejectsNameWithSpace() {
        assertThat(only(yaml("roles:", "  \"my reader\": { allow: [] }")).message()).contains("\"my reader\"", "' '");
    }

    @Test
    void rejectsNameLongerThan63Characters() {
        String name = "a".repeat(64);

        assertThat(only(yaml("roles:", "  " + name + ": { allow: [] }")).message()).contains("64 characters", "63");
    }

    @Test
    void accepts63CharacterName() {
        String name = "a".repeat(63);

        assertThat(TestPolicies.parse(yaml("roles:", "  " + name + ": { allow: [] }")).roles()).containsKey(name);
    }

    @Test
    void acceptsNamesWithDigitsDotsUnderscoresAndDashes() {
        assertThat(TestPolicies.parse(yaml("services:", "  9a.b_c-d: {}")).services()).containsKey("9a.b_c-d");
    }

    @Test
    void rejectsEmptyName() {
        assertThat(only(yaml("services:", "  \"\": {}")).message()).contains("must not be empty");
    }

    @Test
    void rejectsNameUsedAsServiceAndIdentity() {
        Problem p = only(yaml("services: { orders: {} }", "identities:", "  orders: { kind: job }"));

        assertThat(p.location()).isEqualTo("line 4, column 3 (identities.orders)");
        assertThat(p.message()).contains("duplicate name \"orders\"");
    }

    @Test
    void rejectsDuplicateRoleName() {
        Problem p = only(yaml("roles:", "  r: { allow: [] }", "  r: { allow: [] }"));

        assertThat(p.location()).isEqualTo("line 4, column 3 (roles.r)");
        assertThat(p.message()).contains("duplicate key \"r\"", "line 3");
    }

    // ---- YAML implicit types -------------------------------------------------------------

    @Test
    void rejectsUnquotedNoAsMethod() {
        Problem p = only(withRule("inventory", "[no]", "[\"/a\"]"));

        assertThat(p.location()).endsWith("(roles.reader.allow[0].methods[0])");
        assertThat(p.message()).contains("no", "boolean", "quote it: \"no\"");
    }

    @Test
    void rejectsUnquotedOffAsIdentityName() {
        String text = yaml("roles: { r: { allow: [] } }", "bindings: [{ role: r, identities: [off] }]");

        assertThat(only(text).message()).contains("off", "boolean", "\"off\"");
    }

    @Test
    void rejectsUnquotedYesAsDescription() {
        assertThat(only(yaml("identities:", "  j: { kind: job, description: yes }")).message())
                .contains("yes", "boolean", "\"yes\"");
    }

    @Test
    void rejectsTildeWhereStringExpected() {
        assertThat(only(yaml("identities:", "  j: { kind: ~ }")).message()).contains("~", "null", "\"~\"");
    }

    @Test
    void rejectsNumberWhereStringExpected() {
        assertThat(only(yaml("identities:", "  j: { kind: job, description: 1.0 }")).message())
                .contains("1.0", "floating-point", "\"1.0\"");
    }

    @Test
    void rejectsOctalLookingNumberWhereStringExpected() {
        assertThat(only(yaml("identities:", "  j: { kind: job, description: 0755 }")).message())
                .contains("0755", "integer");
    }

    @Test
    void rejectsBooleanLookingNameKey() {
        Problem p = only(yaml("services:", "  on: {}"));

        assertThat(p.message()).contains("on", "boolean", "quote it: \"on\"");
    }

    @Test
    void acceptsQuotedNoAsName() {
        assertThat(TestPolicies.parse(yaml("services:", "  \"no\": {}")).services()).containsKey("no");
    }

    @Test
    void acceptsSingleQuotedYesAsDescription() {
        PolicyDocument doc = TestPolicies.parse(yaml("identities:", "  j: { kind: job, description: 'yes' }"));

        assertThat(doc.identities().get("j").description()).isEqualTo("yes");
    }

    // ---- YAML features that are refused ----------------------------------------------------

    @Test
    void rejectsYamlTagThatWouldConstructAnObject() {
        List<Problem> problems = problems(yaml("services: !!javax.script.ScriptEngineManager {}"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("line 2, column 11 (services)");
            assertThat(p.message()).contains("!!javax.script.ScriptEngineManager", "not allowed");
        });
    }

    @Test
    void rejectsEveryTagInTheDocument() {
        String text = yaml("services: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]");

        assertThat(problems(text)).filteredOn(p -> p.message().contains("YAML tag")).hasSize(2);
    }

    @Test
    void rejectsExplicitStrTag() {
        assertThat(only(yaml("identities:", "  j: { kind: !!str job }")).message()).contains("!!str", "not allowed");
    }

    @Test
    void rejectsAnchorsAndAliases() {
        String text = yaml("services:", "  a: &shared { addresses: [\"a:1\"] }", "  b: *shared");

        List<Problem> problems = problems(text);
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("anchor &shared"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("alias *shared"));
    }

    @Test
    void rejectsBillionLaughsWithoutExpandingIt() {
        StringBuilder sb = new StringBuilder("apiVersion: rolegate/v1\nx0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("x").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }

        assertThat(problems(sb.toString())).anySatisfy(p -> assertThat(p.message()).contains("alias"));
    }

    @Test
    void rejectsDuplicateKeysInYaml() {
        Problem p = only(yaml("identities:", "  j: { kind: job, kind: device }"));

        assertThat(p.location()).isEqualTo("line 3, column 19 (identities.j.kind)");
        assertThat(p.message()).contains("duplicate key \"kind\"", "first at line 3, column 8");
    }

    @Test
    void rejectsEveryDuplicateKeyNotJustTheFirst() {
        String text = yaml("services: {}", "services: {}", "roles: {}", "roles: {}");

        assertThat(problems(text)).filteredOn(p -> p.message().startsWith("duplicate key")).hasSize(2);
    }

    @Test
    void rejectsMultipleYamlDocuments() {
        assertThat(only("apiVersion: rolegate/v1\n---\napiVersion: rolegate/v1\n").message())
                .contains("more than one YAML document");
    }

    @Test
    void reportsYamlSyntaxErrorWithLocation() {
        Problem p = only("apiVersion: rolegate/v1\nservices: [\n");

        assertThat(p.message()).startsWith("YAML syntax error");
        assertThat(p.location()).startsWith("line ");
    }

    @Test
    void rejectsComplexMappingKey() {
        assertThat(problems(yaml("services:", "  ? [a, b]", "  : {}")))
                .anySatisfy(p -> assertThat(p.message()).contains("mapping key"));
    }

    // ---- methods -------------------------------------------------------------------------

    @Test
    void rejectsLowerCaseMethodAndSuggestsUpperCase() {
        assertThat(only(withRule("inventory", "[get]", "[\"/a\"]")).message())
                .contains("\"get\"", "upper case", "\"GET\"");
    }

    @Test
    void rejectsStarMixedWithMethods() {
        assertThat(only(withRule("inventory", "[\"*\", GET]", "[\"/a\"]")).message()).contains("only entry");
    }

    @Test
    void rejectsStarInsideMethodName() {
        assertThat(only(withRule("inventory", "[\"G*\"]", "[\"/a\"]")).message()).contains("\"G*\"");
    }

    @Test
    void rejectsMethodWithSpace() {
        assertThat(only(withRule("inventory", "[\"GET POST\"]", "[\"/a\"]")).message()).contains("not an HTTP method token");
    }

    @Test
    void rejectsDuplicateMethod() {
        assertThat(only(withRule("inventory", "[GET, GET]", "[\"/a\"]")).message()).contains("duplicate entry \"GET\"");
    }

    @Test
    void acceptsExtensionMethodTokens() {
        PolicyDocument doc = TestPolicies.parse(withRule("inventory", "[PROPFIND, VERSION-CONTROL]", "[\"/a\"]"));

        assertThat(doc.roles().get("reader").allow().get(0).methods()).containsExactly("PROPFIND", "VERSION-CONTROL");
    }

    // ---- paths ---------------------------------------------------------------------------

    @Test
    void rejectsPatternWithoutLeadingSlashAtItsLocation() {
        Problem p = only(withRule("inventory", "[GET]", "[\"/ok\", \"items\"]"));

        assertThat(p.location()).endsWith("(roles.reader.allow[0].paths[1])");
        assertThat(p.message()).contains("\"items\"", "must start with \"/\"");
    }

    @Test
    void rejectsDuplicatePattern() {
        assertThat(only(withRule("inventory", "[GET]", "[\"/a\", \"/a\"]")).message()).contains("duplicate entry \"/a\"");
    }

    // ---- public entries ------------------------------------------------------------------

    @Test
    void rejectsPublicEntryWithoutMethod() {
        assertThat(only(yaml("services:", "  inventory: { public: [\"/health\"] }")).message())
                .contains("\"METHOD /path\"");
    }

    @Test
    void rejectsPublicEntryWithLowerCaseMethod() {
        assertThat(only(yaml("services:", "  inventory: { public: [\"get /health\"] }")).message())
                .contains("\"get\"", "\"GET\"");
    }

    @Test
    void rejectsPublicEntryWithMalformedPattern() {
        assertThat(only(yaml("services:", "  inventory: { public: [\"GET /health/../admin\"] }")).message())
                .contains("dot segment");
    }

    @Test
    void acceptsPublicEntryWithStarMethod() {
        assertThat(TestPolicies.parse(yaml("services:", "  inventory: { public: [\"* /health\"] }"))
                .services().get("inventory").publicRequests()).containsExactly("* /health");
    }

    // ---- addresses -----------------------------------------------------------------------

    private static Problem addressProblem(String address) {
        return only(yaml("services:", "  inventory: { addresses: [\"" + address + "\"] }"));
    }

    @Test
    void rejectsAddressWithoutPort() {
        assertThat(addressProblem("inventory").message()).contains("no port");
    }

    @Test
    void rejectsAddressWithPortZero() {
        assertThat(addressProblem("inventory:0").message()).contains("invalid port \"0\"");
    }

    @Test
    void rejectsAddressWithPortAbove65535() {
        assertThat(addressProblem("inventory:65536").message()).contains("invalid port");
    }

    @Test
    void rejectsAddressWithPath() {
        assertThat(addressProblem("http://inventory:8080/api").message()).contains("without a path");
    }

    @Test
    void rejectsAddressWithQuery() {
        assertThat(addressProblem("inventory:8080?x=1").message()).contains("without a query");
    }

    @Test
    void rejectsAddressWithUserInfo() {
        assertThat(addressProblem("http://user:pw@inventory:8080").message()).contains("user information");
    }

    @Test
    void rejectsAddressWithOtherScheme() {
        assertThat(addressProblem("ftp://inventory:21").message()).contains("only http:// and https://");
    }

    @Test
    void rejectsAddressWithEmptyHost() {
        assertThat(addressProblem(":8080").message()).contains("empty host");
    }

    @Test
    void rejectsUnbracketedIpv6Address() {
        assertThat(addressProblem("::1:8080").message()).contains("brackets");
    }

    @Test
    void rejectsNonAsciiHost() {
        assertThat(addressProblem("inv\u0435ntory:8080").message()).contains("U+0435");
    }

    @Test
    void acceptsBracketedIpv6Address() {
        assertThat(TestPolicies.parse(yaml("services:", "  inventory: { addresses: [\"[::1]:8080\"] }"))
                .services().get("inventory").addresses()).containsExactly("[::1]:8080");
    }

    @Test
    void rejectsSameAddressOnTwoServices() {
        Problem p = only(yaml("services:", "  inventory: { addresses: [\"localhost:8080\"] }",
                "  orders: { addresses: [\"LOCALHOST:8080\"] }"));

        assertThat(p.location()).endsWith("(services.orders.addresses[0])");
        assertThat(p.message()).contains("already leads to service \"inventory\"");
    }

    @Test
    void rejectsSchemeAddressOverlappingBareAddressOfAnotherService() {
        Problem p = only(yaml("services:", "  inventory: { addresses: [\"localhost:8080\"] }",
                "  orders: { addresses: [\"https://localhost:8080\"] }"));

        assertThat(p.message()).contains("overlaps https://localhost:8080");
    }

    @Test
    void acceptsHttpAndHttpsOfTheSameHostPortOnDifferentServices() {
        PolicyDocument doc = TestPolicies.parse(yaml("services:", "  inventory: { addresses: [\"http://h:8080\"] }",
                "  orders: { addresses: [\"https://h:8080\"] }"));

        assertThat(doc.services()).hasSize(2);
    }

    // ---- references ----------------------------------------------------------------------

    @Test
    void rejectsRuleNamingUnknownService() {
        String text = yaml("services: { inventory: {}, orders: {} }", "roles:",
                "  reader: { allow: [{ service: inventry, methods: [GET], paths: [\"/a\"] }] }");

        Problem p = only(text);
        assertThat(p.location()).isEqualTo("line 4, column 32 (roles.reader.allow[0].service)");
        assertThat(p.message()).isEqualTo("unknown service \"inventry\" (known: inventory, orders)");
    }

    @Test
    void rejectsRuleNamingACallingOnlyIdentityAsService() {
        String text = yaml("identities: { job1: { kind: job } }", "roles:",
                "  reader: { allow: [{ service: job1, methods: [GET], paths: [\"/a\"] }] }");

        assertThat(only(text).message()).contains("unknown service \"job1\"");
    }

    @Test
    void rejectsBindingNamingUnknownRole() {
        String text = yaml("services: { inventory: {} }", "roles: { reader: { allow: [] } }",
                "bindings: [{ role: raeder, identities: [inventory] }]");

        assertThat(only(text).message()).isEqualTo("unknown role \"raeder\" (known: reader)");
    }

    @Test
    void rejectsBindingNamingUnknownIdentity() {
        String text = yaml("services: { inventory: {} }", "identities: { job1: { kind: job } }",
                "roles: { reader: { allow: [] } }", "bindings: [{ role: reader, identities: [inventory, jbo1] }]");

        Problem p = only(text);
        assertThat(p.location()).endsWith("(bindings[0].identities[1])");
        assertThat(p.message()).isEqualTo("unknown identity \"jbo1\" (known: inventory, job1)");
    }

    @Test
    void rejectsLookAlikeReferenceWithNameRuleMessage() {
        String text = yaml("services: { inventory: {} }", "roles:",
                "  reader: { allow: [{ service: \"inv\u0435ntory\", methods: [GET], paths: [\"/a\"] }] }");

        assertThat(only(text).message()).contains("non-ASCII", "U+0435");
    }

    @Test
    void rejectsIdentityBoundTwiceToTheSameRole() {
        String text = yaml("services: { inventory: {} }", "roles: { reader: { allow: [] } }",
                "bindings:", "  - { role: reader, identities: [inventory] }", "  - { role: reader, identities: [inventory] }");

        assertThat(only(text).message()).contains("already bound to role \"reader\"");
    }

    @Test
    void resolvesReferencesRegardlessOfSectionOrder() {
        String text = String.join("\n", "bindings: [{ role: reader, identities: [inventory] }]",
                "roles: { reader: { allow: [{ service: inventory, methods: [GET], paths: [\"/a\"] }] } }",
                "services: { inventory: {} }", "apiVersion: rolegate/v1", "");

        assertThat(TestPolicies.parse(text).bindings()).hasSize(1);
    }

    // ---- reporting -----------------------------------------------------------------------

    @Test
    void reportsEveryProblemInDocumentOrder() {
        String text = yaml("services:", "  Bad: {}", "roles:",
                "  reader: { allow: [{ service: nowhere, methods: [get], paths: [\"x\"] }] }",
                "bindings: [{ role: nobody, identities: [ghost] }]");

        List<Problem> problems = problems(text);
        assertThat(problems).extracting(Problem::message).hasSize(6);
        assertThat(problems).extracting(Problem::location).isSortedAccordingTo((a, b) -> {
            int lineA = Integer.parseInt(a.replaceAll("line (\\d+),.*", "$1"));
            int lineB = Integer.parseInt(b.replaceAll("line (\\d+),.*", "$1"));
            return Integer.compare(lineA, lineB);
        });
    }

    @Test
    void exceptionMessageNamesTheSourceAndListsEveryProblem() {
        PolicyValidationException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyValidationException.class,
                () -> PolicyParser.parse(yaml("services:", "  A: {}", "  B: {}"), "policy.yaml"));

        assertThat(e.getMessage()).startsWith("2 problem(s) in policy.yaml").contains("\"A\"", "\"B\"");
        assertThat(e.sourceName()).isEqualTo("policy.yaml");
    }

    // ---- more structural problems -----------------------------------------------------------

    @Test
    void rejectsApiVersionThatIsNotAString() {
        assertThat(only("apiVersion: 1\n").message()).contains("expected the apiVersion", "integer");
    }

    @Test
    void rejectsServiceThatIsNotAMapping() {
        assertThat(only(yaml("services:", "  inventory: [\"inventory:8080\"]")).message())
                .contains("expected a mapping with addresses and public", "got a list");
    }

    @Test
    void rejectsServiceWithNothingGiven() {
        assertThat(only(yaml("services:", "  inventory:")).message()).contains("nothing is given");
    }

    @Test
    void rejectsSameAddressListedTwiceForOneService() {
        assertThat(only(yaml("services:", "  inventory: { addresses: [\"a:1\", \"http://a:1\"] }")).message())
                .contains("already listed for this service");
    }

    @Test
    void rejectsRuleThatIsNotAMapping() {
        assertThat(only(yaml("roles:", "  r: { allow: [inventory] }")).message())
                .contains("expected a rule", "got the string \"inventory\"");
    }

    @Test
    void rejectsRuleWithoutService() {
        assertThat(only(yaml("roles:", "  r: { allow: [{ methods: [GET], paths: [\"/a\"] }] }")).message())
                .contains("missing required field \"service\"");
    }

    @Test
    void rejectsBindingsThatAreNotAList() {
        assertThat(only(yaml("bindings: { role: r }")).message()).contains("expected a list of bindings, got a mapping");
    }

    @Test
    void rejectsBindingThatIsNotAMapping() {
        assertThat(only(yaml("bindings: [reader]")).message()).contains("expected a binding");
    }

    @Test
    void rejectsBindingWithoutRole() {
        assertThat(only(yaml("services: { inventory: {} }", "bindings: [{ identities: [inventory] }]")).message())
                .contains("missing required field \"role\"");
    }

    @Test
    void rejectsIdentityListedTwiceInOneBinding() {
        String text = yaml("services: { inventory: {} }", "roles: { r: { allow: [] } }",
                "bindings: [{ role: r, identities: [inventory, inventory] }]");

        assertThat(only(text).message()).contains("duplicate entry \"inventory\"");
    }

    @Test
    void rejectsNonPrintableCharacterInYaml() {
        Problem p = only("apiVersion: rolegate/v1\nx: \"\u0001\"\n");

        assertThat(p.location()).isEqualTo("line 2, column 5");
        assertThat(p.message()).contains("U+0001");
    }

    @Test
    void rejectsCustomTagDeclaredWithTagDirective() {
        String text = "%TAG !e! tag:evil.example,2000:\n---\napiVersion: rolegate/v1\nservices: !e!thing {}\n";

        assertThat(only(text).message()).contains("YAML tag", "tag:evil.example,2000:thing");
    }

    @Test
    void acceptsExplicitDocumentMarkers() {
        assertThat(TestPolicies.parse("---\napiVersion: rolegate/v1\n...\n").roles()).isEmpty();
    }

    @Test
    void acceptsComments() {
        assertThat(TestPolicies.parse("# policy\napiVersion: rolegate/v1 # version\n").bindings()).isEmpty();
    }

    @Test
    void absentSectionsMeanNone() {
        PolicyDocument doc = TestPolicies.parse("apiVersion: rolegate/v1\n");

        assertThat(doc.services()).isEmpty();
        assertThat(doc.identities()).isEmpty();
        assertThat(doc.roles()).isEmpty();
        assertThat(doc.bindings()).isEmpty();
    }

    @Test
    void absentDescriptionIsNull() {
        assertThat(TestPolicies.parse(yaml("identities: { j: { kind: job } }")).identities().get("j").description()).isNull();
    }

    @Test
    void absentAddressesAndPublicAreEmpty() {
        PolicyDocument.ServiceDef s = TestPolicies.parse(yaml("services: { inventory: {} }")).services().get("inventory");

        assertThat(s.addresses()).isEmpty();
        assertThat(s.publicRequests()).isEmpty();
    }
}
