package dev.rolegate.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds {@code rolegate/v1} policy documents (CONTRACT section 3) for services on test ports. */
public final class TestPolicy {
    private record Service(List<String> addresses, List<String> publicRequests) {
    }

    private record Rule(String service, List<String> methods, List<String> paths) {
    }

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, String> identities = new LinkedHashMap<>();
    private final Map<String, List<Rule>> roles = new LinkedHashMap<>();
    private final Map<String, List<String>> bindings = new LinkedHashMap<>();

    public static TestPolicy empty() {
        return new TestPolicy();
    }

    /**
     * The built-in demo policy on the given ports, plus one grant the demo lacks:
     * {@code order-restocker} lets nightly-report POST /orders/{id}/restock, so that orders can be
     * asked to make the POST to inventory that the policy denies to orders.
     */
    public static TestPolicy demoLike(int inventoryPort, int ordersPort) {
        return empty()
                .service("inventory", inventoryPort, "GET /health")
                .service("orders", ordersPort, "GET /health")
                .identity("nightly-report", "job")
                .identity("visitor", "client")
                .role("inventory-reader", "inventory", List.of("GET", "HEAD"), List.of("/items", "/items/{id}"))
                .role("order-viewer", "orders", List.of("GET"), List.of("/orders/**"))
                .role("order-restocker", "orders", List.of("POST"), List.of("/orders/{id}/restock"))
                .bind("inventory-reader", "orders", "nightly-report")
                .bind("order-viewer", "nightly-report")
                .bind("order-restocker", "nightly-report");
    }

    /** A service reachable at 127.0.0.1:port and localhost:port. */
    public TestPolicy service(String name, int port, String... publicRequests) {
        return service(name, List.of("127.0.0.1:" + port, "localhost:" + port), List.of(publicRequests));
    }

    public TestPolicy service(String name, List<String> addresses, List<String> publicRequests) {
        services.put(name, new Service(List.copyOf(addresses), List.copyOf(publicRequests)));
        return this;
    }

    public TestPolicy identity(String name, String kind) {
        identities.put(name, kind);
        return this;
    }

    public TestPolicy role(String name, String service, List<String> methods, List<String> paths) {
        roles.computeIfAbsent(name, key -> new ArrayList<>()).add(new Rule(service, methods, paths));
        return this;
    }

    public TestPolicy bind(String role, String... boundIdentities) {
        bindings.computeIfAbsent(role, key -> new ArrayList<>()).addAll(List.of(boundIdentities));
        return this;
    }

    public String yaml() {
        StringBuilder out = new StringBuilder("apiVersion: rolegate/v1\nservices:\n");
        services.forEach((name, service) -> {
            out.append("  ").append(name).append(":\n");
            out.append("    addresses: ").append(list(service.addresses())).append('\n');
            if (!service.publicRequests().isEmpty()) {
                out.append("    public: ").append(list(service.publicRequests())).append('\n');
            }
        });
        if (!identities.isEmpty()) {
            out.append("identities:\n");
            identities.forEach((name, kind) -> out.append("  ").append(name).append(": { kind: ").append(kind).append(" }\n"));
        }
        if (!roles.isEmpty()) {
            out.append("roles:\n");
            roles.forEach((name, rules) -> {
                out.append("  ").append(name).append(":\n    allow:\n");
                for (Rule rule : rules) {
                    out.append("      - service: ").append(rule.service()).append('\n')
                            .append("        methods: ").append(list(rule.methods())).append('\n')
                            .append("        paths: ").append(list(rule.paths())).append('\n');
                }
            });
        }
        if (!bindings.isEmpty()) {
            out.append("bindings:\n");
            bindings.forEach((role, bound) -> out.append("  - role: ").append(role).append('\n')
                    .append("    identities: ").append(list(bound)).append('\n'));
        }
        return out.toString();
    }

    private static String list(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
