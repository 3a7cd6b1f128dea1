package dev.rolegate.server;

/** Policy documents the server tests serve. */
public final class TestPolicies {
    private TestPolicies() {
    }

    /** orders and nightly-report may read inventory; visitor has no role; ghost is not in it at all. */
    public static final String V1 = """
            apiVersion: rolegate/v1
            services:
              inventory:
                addresses: ["localhost:8082"]
                public: ["GET /health"]
              orders:
                addresses: ["localhost:8081"]
            identities:
              nightly-report: { kind: job, description: "Nightly stock report" }
              visitor: { kind: client, description: "No role at all" }
            roles:
              inventory-reader:
                description: Read stock levels
                allow:
                  - service: inventory
                    methods: [GET, HEAD]
                    paths: ["/items", "/items/*"]
            bindings:
              - role: inventory-reader
                identities: [orders, nightly-report]
            """;

    /** V1 plus visitor bound to inventory-reader. */
    public static final String V2 = V1.replace("identities: [orders, nightly-report]",
            "identities: [orders, nightly-report, visitor]");

    /** V1 with only a comment added: the same document. */
    public static final String V1_WITH_COMMENT = "# edited by hand\n" + V1;

    /** Two problems: a rule naming an unknown service and a binding naming an unknown role. */
    public static final String INVALID = V1
            .replace("- service: inventory", "- service: warehouse")
            .replace("- role: inventory-reader", "- role: no-such-role");
}
