package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A {@link PolicyDocument} compiled for fast, allocation-light decisions. Immutable and thread-safe;
 * a new revision is a new instance.
 *
 * <p>Per service, every (role, rule, path pattern) that grants something on it is pre-compiled into
 * a flat array in document order (roles in the order of the {@code roles} section, then rules, then
 * patterns), so a decision is one hash lookup and a scan of that array with no regular expressions.
 * An allowed decision allocates only the {@link Decision} and its reason.
 *
 * <p>Path patterns: literal segments match exactly and case-sensitively (after percent-decoding,
 * like request paths); {@code *} or {@code {name}} match exactly one non-empty segment; {@code **}
 * matches zero or more whole segments, anywhere in the pattern; a trailing slash is insignificant
 * in patterns and requests; {@code /} matches only the root and {@code /**} matches everything.
 * Methods are compared exactly ({@code HEAD} is not implied by {@code GET}); {@code "*"} is any.
 *
 * <p>"Document order" for roles means the order of the {@code roles} section throughout this class.
 */
public final class CompiledPolicy {

    /** One compiled (role, rule, pattern) on a service. */
    private record Grant(int roleIndex, String role, String[] methods, boolean anyMethod, PathPattern pattern,
                         String ruleText, Decision allowed) {
        boolean allowsMethod(String method) {
            if (anyMethod) {
                return true;
            }
            for (String m : methods) {
                if (m.equals(method)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record ServiceEntry(String name, PublicRequest[] publics, Grant[] grants) {
    }

    private record IdentityEntry(boolean[] bound, Set<String> boundNames) {
    }

    private final PolicyDocument document;
    private final Map<String, ServiceEntry> services;
    private final Map<String, IdentityEntry> identities;
    private final AddressTable addresses;

    private CompiledPolicy(PolicyDocument document, Map<String, ServiceEntry> services,
                           Map<String, IdentityEntry> identities, AddressTable addresses) {
        this.document = document;
        this.services = services;
        this.identities = identities;
        this.addresses = addresses;
    }

    /**
     * Compiles a validated document (one from {@link PolicyParser#parse}).
     *
     * @throws IllegalArgumentException if a document built by hand has a malformed pattern, method or
     *                                  address; references to unknown names simply never match
     */
    public static CompiledPolicy compile(PolicyDocument document) {
        List<String> roleNames = new ArrayList<>(document.roles() == null ? Set.of() : document.roles().keySet());
        Map<String, Integer> roleIndex = new HashMap<>();
        for (int i = 0; i < roleNames.size(); i++) {
            roleIndex.put(roleNames.get(i), i);
        }
        Map<String, PolicyDocument.ServiceDef> serviceDefs = document.services() == null ? Map.of() : document.services();
        Map<String, List<Grant>> grants = new HashMap<>();
        for (String service : serviceDefs.keySet()) {
            grants.put(service, new ArrayList<>());
        }
        for (int r = 0; r < roleNames.size(); r++) {
            PolicyDocument.RoleDef role = document.roles().get(roleNames.get(r));
            for (PolicyDocument.Rule rule : role.allow() == null ? List.<PolicyDocument.Rule>of() : role.allow()) {
                List<Grant> target = grants.get(rule.service());
                if (target != null) {
                    addGrants(target, r, roleNames.get(r), rule);
                }
            }
        }
        Map<String, ServiceEntry> services = new HashMap<>();
        for (PolicyDocument.ServiceDef def : serviceDefs.values()) {
            List<PublicRequest> publics = new ArrayList<>();
            for (String entry : def.publicRequests() == null ? List.<String>of() : def.publicRequests()) {
                List<String> problems = new ArrayList<>();
                PublicRequest parsed = PublicRequest.parse(entry, problems);
                if (parsed == null) {
                    throw new IllegalArgumentException("service " + def.name() + ": " + problems);
                }
                publics.add(parsed);
            }
            services.put(def.name(), new ServiceEntry(def.name(), publics.toArray(new PublicRequest[0]),
                    grants.get(def.name()).toArray(new Grant[0])));
        }
        return new CompiledPolicy(document, Map.copyOf(services), identities(document, roleNames, roleIndex),
                AddressTable.of(serviceDefs));
    }

    private static void addGrants(List<Grant> target, int roleIndex, String role, PolicyDocument.Rule rule) {
        List<String> methods = rule.methods() == null ? List.of() : rule.methods();
        boolean any = methods.contains(Methods.ANY);
        for (String m : methods) {
            String problem = m.equals(Methods.ANY) ? null : Methods.problem(m);
            if (problem != null) {
                throw new IllegalArgumentException("role " + role + ": " + problem);
            }
        }
        String methodText = String.join(",", methods);
        for (String path : rule.paths() == null ? List.<String>of() : rule.paths()) {
            List<String> problems = new ArrayList<>();
            PathPattern pattern = PathPattern.parse(path, problems);
            if (pattern == null) {
                throw new IllegalArgumentException("role " + role + ": " + problems);
            }
            String ruleText = methodText + " " + path;
            target.add(new Grant(roleIndex, role, methods.toArray(new String[0]), any, pattern, ruleText,
                    new Decision(true, role, ruleText, "role " + role + " allows " + ruleText + " on " + rule.service())));
        }
    }

    private static Map<String, IdentityEntry> identities(PolicyDocument document, List<String> roleNames,
                                                         Map<String, Integer> roleIndex) {
        Set<String> names = new LinkedHashSet<>();
        if (document.services() != null) {
            names.addAll(document.services().keySet());
        }
        if (document.identities() != null) {
            names.addAll(document.identities().keySet());
        }
        Map<String, boolean[]> bound = new HashMap<>();
        for (String name : names) {
            bound.put(name, new boolean[roleNames.size()]);
        }
        for (PolicyDocument.Binding binding : document.bindings() == null ? List.<PolicyDocument.Binding>of()
                : document.bindings()) {
            Integer index = roleIndex.get(binding.role());
            if (index == null || binding.identities() == null) {
                continue;
            }
            for (String identity : binding.identities()) {
                boolean[] flags = bound.get(identity);
                if (flags != null) {
                    flags[index] = true;
                }
            }
        }
        Map<String, IdentityEntry> out = new HashMap<>();
        bound.forEach((name, flags) -> {
            Set<String> boundNames = new LinkedHashSet<>();
            for (int i = 0; i < flags.length; i++) {
                if (flags[i]) {
                    boundNames.add(roleNames.get(i));
                }
            }
            out.put(name, new IdentityEntry(flags, Collections.unmodifiableSet(boundNames)));
        });
        return Map.copyOf(out);
    }

    /** The document this was compiled from. */
    public PolicyDocument document() {
        return document;
    }

    /**
     * The service reached at this destination, by an exact match with some service's
     * {@code addresses}. An address {@code host:port} matches both http and https on that port; an
     * address with a scheme ({@code https://host:port}) matches only that scheme. Host comparison is
     * ASCII case-insensitive; nothing else is lenient (no suffix or prefix matching, no default ports
     * unless the address states one).
     *
     * @param scheme {@code http} or {@code https} (any case); anything else matches nothing
     * @param host   host name or IP literal; IPv6 with or without brackets
     * @param port   the effective port (80 or 443 when the URL leaves it out)
     */
    public Optional<String> serviceForAddress(String scheme, String host, int port) {
        return addresses.lookup(scheme, host, port);
    }

    /** Whether {@code name} is a service (an identity that receives calls). */
    public boolean isService(String name) {
        return name != null && services.containsKey(name);
    }

    /** Whether {@code name} is a service or a calling-only identity. */
    public boolean isIdentity(String name) {
        return name != null && identities.containsKey(name);
    }

    /** Whether the request matches a {@code public} entry of {@code service}. The path is normalised. */
    public boolean isPublic(String service, String method, String normalizedPath) {
        ServiceEntry entry = service == null ? null : services.get(service);
        if (entry == null || method == null) {
            return false;
        }
        for (PublicRequest p : entry.publics()) {
            if (p.matches(method, normalizedPath)) {
                return true;
            }
        }
        return false;
    }

    /** Roles bound to {@code identity}, in document order (empty for an unknown identity). */
    public Set<String> rolesBoundTo(String identity) {
        IdentityEntry entry = identity == null ? null : identities.get(identity);
        return entry == null ? Set.of() : entry.boundNames();
    }

    /** Roles bound to {@code identity} that allow something on {@code service}: the token's {@code roles} claim. */
    public List<String> rolesGrantingOn(String identity, String service) {
        IdentityEntry id = identity == null ? null : identities.get(identity);
        ServiceEntry svc = service == null ? null : services.get(service);
        if (id == null || svc == null) {
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        for (Grant g : svc.grants()) {
            // Grants are in role order, so a role's grants are adjacent: comparing with the last added is enough.
            if (id.bound()[g.roleIndex()] && (roles.isEmpty() || !roles.get(roles.size() - 1).equals(g.role()))) {
                roles.add(g.role());
            }
        }
        return List.copyOf(roles);
    }

    /**
     * Decides a request. Only roles that are both presented (the token's {@code roles}) and bound to
     * {@code caller} in this policy count, so that removing a binding takes effect at once. The
     * granting role is the first in document order; the rule text is {@code "METHODS /pattern"} of
     * the pattern that matched.
     *
     * @param normalizedPath a path from {@link PathNormalizer}
     */
    public Decision decide(String caller, Collection<String> presentedRoles, String service, String method,
                           String normalizedPath) {
        Grant g = grant(caller, presentedRoles, service, method, normalizedPath);
        if (g != null) {
            return new Decision(true, g.role(), g.ruleText(), "role " + g.role() + " of " + caller
                    + " allows " + method + " " + normalizedPath + " on " + service);
        }
        return new Decision(false, null, null, DenialReasons.explain(this, caller, presentedRoles, service, method,
                normalizedPath));
    }

    /**
     * The same match as {@link #decide}, for the per-request hot path: the granting decision, or
     * {@code null} when {@link #decide} would deny (call it then for the explanation). Allocates
     * nothing: the decision is made once per grant when the policy is compiled, so its reason names
     * the granting role and rule ({@code "role r allows GET,HEAD /items/* on inventory"}) rather
     * than this request's caller and path, which the decision record carries in fields of their own.
     */
    public Decision allowing(String caller, Collection<String> presentedRoles, String service, String method,
                             String normalizedPath) {
        Grant g = grant(caller, presentedRoles, service, method, normalizedPath);
        return g == null ? null : g.allowed();
    }

    private Grant grant(String caller, Collection<String> presentedRoles, String service, String method,
                        String normalizedPath) {
        ServiceEntry svc = service == null ? null : services.get(service);
        IdentityEntry id = caller == null ? null : identities.get(caller);
        if (svc != null && id != null && method != null && normalizedPath != null && presentedRoles != null) {
            for (Grant g : svc.grants()) {
                if (id.bound()[g.roleIndex()] && g.allowsMethod(method) && contains(presentedRoles, g.role())
                        && g.pattern().matches(normalizedPath)) {
                    return g;
                }
            }
        }
        return null;
    }

    /**
     * Decides as if {@code identity} presented every role bound to it: what it may do under this
     * policy, for the admin {@code /v1/check} endpoint and the {@code can-i} command.
     */
    public Decision check(String identity, String service, String method, String normalizedPath) {
        return decide(identity, rolesBoundTo(identity), service, method, normalizedPath);
    }

    /** Roles that would allow the request if bound and presented, in document order (for explanations). */
    List<String> rolesAllowing(String service, String method, String normalizedPath) {
        ServiceEntry svc = service == null ? null : services.get(service);
        if (svc == null || method == null || normalizedPath == null) {
            return List.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Grant g : svc.grants()) {
            if (g.allowsMethod(method) && g.pattern().matches(normalizedPath)) {
                roles.add(g.role());
            }
        }
        return List.copyOf(roles);
    }

    private static boolean contains(Collection<String> roles, String role) {
        if (roles instanceof List<String> list && roles instanceof RandomAccess) {
            // Indexed to avoid an Iterator per check; the roles claim is a small list.
            for (int i = 0, n = list.size(); i < n; i++) {
                if (role.equals(list.get(i))) {
                    return true;
                }
            }
            return false;
        }
        return roles.contains(role);
    }
}
