package dev.rolegate.benchmarks;

import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyParser;
import dev.rolegate.policy.PolicyValidationException;

/** Policy documents for the benchmarks: the small demo-like one and a generated large one. */
public final class BenchPolicies {
    /** inventory (public GET /health) read by orders; a realistic small policy. */
    public static final String INVENTORY = """
            {"apiVersion":"rolegate/v1",
             "services":{
               "inventory":{"addresses":["inventory:8080","localhost:8082"],"public":["GET /health"]},
               "orders":{"addresses":["localhost:8081"]}},
             "identities":{"nightly-report":{"kind":"job","description":"Nightly stock report"}},
             "roles":{
               "inventory-reader":{"description":"Read stock levels",
                 "allow":[{"service":"inventory","methods":["GET","HEAD"],"paths":["/items","/items/*"]}]},
               "inventory-deleter":{"description":"Delete items",
                 "allow":[{"service":"inventory","methods":["DELETE"],"paths":["/items/*"]}]}},
             "bindings":[
               {"role":"inventory-reader","identities":["orders","nightly-report"]},
               {"role":"inventory-deleter","identities":["nightly-report"]}]}
            """;

    private BenchPolicies() {
    }

    /**
     * A policy of {@code services} services and {@code rules} rules: one role per service with
     * {@code rules / services} rules each (mixed literal, {@code *}, {@code {id}} and {@code **}
     * patterns), every service bound to the roles of its two neighbours.
     */
    public static String large(int services, int rules) {
        StringBuilder b = new StringBuilder(rules * 120);
        b.append("{\"apiVersion\":\"rolegate/v1\",\"services\":{");
        for (int s = 0; s < services; s++) {
            b.append(s == 0 ? "" : ",").append("\"svc-").append(s).append("\":{\"addresses\":[\"svc-").append(s)
                    .append(":8080\"],\"public\":[\"GET /health\"]}");
        }
        b.append("},\"roles\":{");
        int perService = Math.max(1, rules / services);
        for (int s = 0; s < services; s++) {
            b.append(s == 0 ? "" : ",").append("\"reader-").append(s).append("\":{\"allow\":[");
            for (int r = 0; r < perService; r++) {
                b.append(r == 0 ? "" : ",").append("{\"service\":\"svc-").append(s)
                        .append("\",\"methods\":[\"GET\",\"POST\"],\"paths\":[\"").append(pattern(r)).append("\"]}");
            }
            b.append("]}");
        }
        b.append("},\"bindings\":[");
        for (int s = 0; s < services; s++) {
            b.append(s == 0 ? "" : ",").append("{\"role\":\"reader-").append(s).append("\",\"identities\":[\"svc-")
                    .append((s + 1) % services).append("\",\"svc-").append((s + 2) % services).append("\"]}");
        }
        return b.append("]}").toString();
    }

    private static String pattern(int r) {
        return switch (r % 4) {
            case 0 -> "/api/v1/resource-" + r;
            case 1 -> "/api/v1/resource-" + r + "/*";
            case 2 -> "/api/v1/resource-" + r + "/{id}/children";
            default -> "/api/v1/resource-" + r + "/**";
        };
    }

    /** A snapshot of {@code policyJson} as revision {@code rev}, signed by {@link BenchKeys#ISSUER}. */
    public static PolicySnapshot snapshot(long rev, String policyJson) {
        try {
            return new PolicySnapshot(rev, BenchKeys.ISSUER, CompiledPolicy.compile(PolicyParser.parse(policyJson, "bench")),
                    "jws", "jwks", "bench");
        } catch (PolicyValidationException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
