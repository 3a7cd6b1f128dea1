package dev.rolegate.policy;

import java.util.List;
import java.util.Map;

/**
 * A validated {@code rolegate/v1} policy document. Instances only come from {@link PolicyParser},
 * so every reference in them resolves and every name follows the contract's rules.
 * Maps keep document order.
 *
 * <p>From the parser, every map and list is unmodifiable and never {@code null} (an absent section
 * or list is empty); only descriptions are {@code null} when absent. Equality is structural, so a
 * document read back from {@link PolicyParser#toJson} equals the original.
 */
public record PolicyDocument(
        Map<String, ServiceDef> services,
        Map<String, IdentityDef> identities,
        Map<String, RoleDef> roles,
        List<Binding> bindings) {

    public static final String API_VERSION = "rolegate/v1";

    /**
     * An identity that receives calls. {@code addresses} as written ({@code host:port} or
     * {@code http(s)://host:port}); {@code publicRequests} holds entries like {@code "GET /health"}.
     */
    public record ServiceDef(String name, List<String> addresses, List<String> publicRequests) {
    }

    /**
     * An identity that only makes calls; kind is {@code job}, {@code device} or {@code client};
     * {@code description} may be {@code null}.
     */
    public record IdentityDef(String name, String kind, String description) {
    }

    /** A named set of allow rules; {@code description} may be {@code null}, {@code allow} may be empty. */
    public record RoleDef(String name, String description, List<Rule> allow) {
    }

    /**
     * Allows {@code methods} (or exactly {@code ["*"]}) on {@code paths} of {@code service}; both lists
     * are non-empty. Path pattern syntax: see {@link CompiledPolicy}.
     */
    public record Rule(String service, List<String> methods, List<String> paths) {
    }

    /** Grants {@code role} to each of {@code identities}. */
    public record Binding(String role, List<String> identities) {
    }
}
