package dev.rolegate.policy;

import java.util.List;

/** Shared fixtures: a small valid policy and helpers to parse documents and collect their problems. */
final class TestPolicies {
    private TestPolicies() {
    }

    static final String BASE = String.join("\n",
            "apiVersion: rolegate/v1",
            "services:",
            "  inventory:",
            "    addresses: [\"inventory:8080\", \"localhost:8082\", \"https://secure.example:8443\", \"[::1]:9090\"]",
            "    public: [\"GET /health\", \"* /status/**\"]",
            "  orders:",
            "    addresses: [\"localhost:8081\"]",
            "identities:",
            "  nightly-report: { kind: job, description: \"Nightly stock report\" }",
            "  visitor: { kind: client }",
            "roles:",
            "  inventory-reader:",
            "    description: Read stock levels",
            "    allow:",
            "      - service: inventory",
            "        methods: [GET, HEAD]",
            "        paths: [\"/items\", \"/items/*\"]",
            "  inventory-writer:",
            "    allow:",
            "      - service: inventory",
            "        methods: [POST, PUT]",
            "        paths: [\"/items/{id}\"]",
            "  order-admin:",
            "    allow:",
            "      - service: orders",
            "        methods: [\"*\"]",
            "        paths: [\"/orders/**\"]",
            "bindings:",
            "  - role: inventory-reader",
            "    identities: [orders, nightly-report]",
            "  - role: inventory-writer",
            "    identities: [nightly-report]",
            "  - role: order-admin",
            "    identities: [nightly-report]",
            "");

    static PolicyDocument parse(String text) {
        try {
            return PolicyParser.parse(text, "test.yaml");
        } catch (PolicyValidationException e) {
            throw new AssertionError("expected a valid document, got: " + e.getMessage(), e);
        }
    }

    static CompiledPolicy compile(String text) {
        return CompiledPolicy.compile(parse(text));
    }

    static CompiledPolicy base() {
        return compile(BASE);
    }

    /** The problems of an invalid document; fails when the document is valid. */
    static List<Problem> problems(String text) {
        try {
            PolicyParser.parse(text, "test");
        } catch (PolicyValidationException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + text);
    }

    /** A document of {@code apiVersion: rolegate/v1} followed by {@code lines}. */
    static String yaml(String... lines) {
        return "apiVersion: rolegate/v1\n" + String.join("\n", lines) + "\n";
    }

    /** A document with one service {@code inventory} and one role whose single rule is given. */
    static String withRule(String service, String methods, String paths) {
        return yaml(
                "services:",
                "  inventory: { addresses: [\"inventory:8080\"] }",
                "roles:",
                "  reader:",
                "    allow:",
                "      - service: " + service,
                "        methods: " + methods,
                "        paths: " + paths);
    }
}
