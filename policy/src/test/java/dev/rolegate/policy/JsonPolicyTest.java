package dev.rolegate.policy;

import static dev.rolegate.policy.TestPolicies.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPolicyTest {

    private static final String VALID = "{\"apiVersion\": \"rolegate/v1\","
            + " \"services\": {\"inventory\": {\"addresses\": [\"inventory:8080\"]}},"
            + " \"roles\": {\"reader\": {\"allow\": [{\"service\": \"inventory\", \"methods\": [\"GET\"], \"paths\": [\"/items\"]}]}},"
            + " \"bindings\": [{\"role\": \"reader\", \"identities\": [\"inventory\"]}]}";

    @Test
    void parsesJsonDocument() {
        PolicyDocument doc = TestPolicies.parse(VALID);

        assertThat(doc.roles().get("reader").allow().get(0).paths()).containsExactly("/items");
    }

    @Test
    void detectsJsonAfterLeadingWhitespace() {
        assertThat(TestPolicies.parse("\n  " + VALID).services()).containsKey("inventory");
    }

    @Test
    void reportsJsonProblemAtJsonPath() {
        String text = VALID.replace("\"service\": \"inventory\"", "\"service\": \"inventry\"");

        Problem p = problems(text).get(0);
        assertThat(p.location()).startsWith("$.roles.reader.allow[0].service");
        assertThat(p.location()).contains("line 1, column");
        assertThat(p.message()).isEqualTo("unknown service \"inventry\" (known: inventory)");
    }

    @Test
    void rejectsDuplicateKeysInJson() {
        String text = "{\"apiVersion\": \"rolegate/v1\", \"roles\": {}, \"roles\": {}}";

        Problem p = problems(text).get(0);
        assertThat(p.location()).startsWith("$.roles");
        assertThat(p.message()).contains("duplicate key \"roles\"");
    }

    @Test
    void rejectsNumberWhereStringExpectedInJson() {
        String text = "{\"apiVersion\": \"rolegate/v1\", \"identities\": {\"j\": {\"kind\": 5}}}";

        assertThat(problems(text)).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("expected a kind (job, device or client), got the number 5"));
    }

    @Test
    void rejectsBooleanWhereStringExpectedInJson() {
        String text = "{\"apiVersion\": \"rolegate/v1\", \"identities\": {\"j\": {\"kind\": \"job\", \"description\": true}}}";

        assertThat(problems(text)).singleElement().satisfies(p -> assertThat(p.message()).contains("boolean true"));
    }

    @Test
    void rejectsNullWhereMappingExpectedInJson() {
        assertThat(problems("{\"apiVersion\": \"rolegate/v1\", \"services\": null}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected a mapping of services"));
    }

    @Test
    void reportsJsonSyntaxErrorWithLocation() {
        Problem p = problems("{\"apiVersion\": \"rolegate/v1\",, }").get(0);

        assertThat(p.message()).startsWith("JSON syntax error");
        assertThat(p.location()).contains("line 1");
    }

    @Test
    void rejectsTrailingContentAfterJsonDocument() {
        assertThat(problems("{\"apiVersion\": \"rolegate/v1\"} {}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("after the end"));
    }

    @Test
    void rejectsUnknownFieldInJson() {
        assertThat(problems("{\"apiVersion\": \"rolegate/v1\", \"extra\": 1}")).singleElement()
                .satisfies(p -> {
                    assertThat(p.location()).startsWith("$.extra");
                    assertThat(p.message()).contains("unknown field \"extra\"");
                });
    }

    @Test
    void bracketsJsonPathForKeysThatAreNotPlainNames() {
        String text = "{\"apiVersion\": \"rolegate/v1\", \"services\": {\"a.b\": {\"x\": 1}}}";

        assertThat(problems(text)).singleElement().satisfies(p -> assertThat(p.location()).startsWith("$.services['a.b'].x"));
    }

    @Test
    void toJsonReadsBackToAnEqualDocument() {
        PolicyDocument doc = TestPolicies.parse(TestPolicies.BASE);

        assertThat(TestPolicies.parse(PolicyParser.toJson(doc))).isEqualTo(doc);
    }

    @Test
    void toJsonIsStableForEqualDocuments() {
        PolicyDocument doc = TestPolicies.parse(TestPolicies.BASE);

        assertThat(PolicyParser.toJson(TestPolicies.parse(PolicyParser.toJson(doc)))).isEqualTo(PolicyParser.toJson(doc));
    }

    @Test
    void toJsonKeepsDocumentOrderOfMaps() {
        String json = PolicyParser.toJson(TestPolicies.parse(TestPolicies.BASE));

        assertThat(json.indexOf("\"inventory-reader\":")).isLessThan(json.indexOf("\"inventory-writer\":"));
        assertThat(json.indexOf("\"inventory-writer\":")).isLessThan(json.indexOf("\"order-admin\":"));
    }

    @Test
    void toJsonWritesFieldsInCanonicalOrder() {
        String json = PolicyParser.toJson(TestPolicies.parse(TestPolicies.yaml(
                "bindings: []", "roles: {}", "identities: {}", "services: {}")));

        assertThat(json).isEqualTo("{\"apiVersion\":\"rolegate/v1\",\"services\":{},\"identities\":{},\"roles\":{},\"bindings\":[]}");
    }

    @Test
    void toJsonEscapesSpecialCharactersInDescriptions() {
        PolicyDocument doc = TestPolicies.parse(TestPolicies.yaml("identities:",
                "  j: { kind: job, description: \"quote \\\" backslash \\\\ newline \\n tab \\t \u00e9\" }"));

        assertThat(TestPolicies.parse(PolicyParser.toJson(doc))).isEqualTo(doc);
    }

    @Test
    void yamlAndJsonOfTheSameStructureGiveEqualDocuments() {
        String yaml = TestPolicies.yaml(
                "services:", "  inventory: { addresses: [\"inventory:8080\"] }",
                "roles:", "  reader: { allow: [{ service: inventory, methods: [GET], paths: [\"/items\"] }] }",
                "bindings: [{ role: reader, identities: [inventory] }]");

        assertThat(TestPolicies.parse(yaml)).isEqualTo(TestPolicies.parse(VALID));
    }

    @Test
    void documentCollectionsAreUnmodifiable() {
        PolicyDocument doc = TestPolicies.parse(VALID);

        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> doc.services().put("x", null));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> doc.bindings().add(new PolicyDocument.Binding("r", List.of())));
    }
}
