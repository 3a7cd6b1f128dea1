package dev.rolegate.policy;

import dev.rolegate.policy.Node.Entry;
import dev.rolegate.policy.Node.ListNode;
import dev.rolegate.policy.Node.MapNode;
import dev.rolegate.policy.Node.ScalarKind;
import dev.rolegate.policy.Node.ScalarNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a {@link Node} tree against the {@code rolegate/v1} schema and builds the
 * {@link PolicyDocument}, reporting every problem rather than stopping at the first. Names are
 * collected from all sections before references are checked, so the order of sections in the file
 * does not matter.
 *
 * <p>Required and optional fields:
 * <ul>
 *   <li>top level: {@code apiVersion} required; {@code services}, {@code identities}, {@code roles},
 *       {@code bindings} optional (absent means none; an explicit empty value such as a bare
 *       {@code roles:} is an error: write {@code {}} or {@code []}).</li>
 *   <li>service: {@code addresses} and {@code public} optional lists (default empty).</li>
 *   <li>identity: {@code kind} required ({@code job}, {@code device} or {@code client});
 *       {@code description} optional.</li>
 *   <li>role: {@code allow} required (a list, may be empty); {@code description} optional.</li>
 *   <li>rule: {@code service}, {@code methods}, {@code paths} required; both lists non-empty.</li>
 *   <li>binding: {@code role} and a non-empty {@code identities} list required.</li>
 * </ul>
 */
final class DocumentValidator {
    private static final Set<String> KINDS = Set.of("job", "device", "client");
    private static final int MAX_KNOWN_LISTED = 20;

    private final Problems problems;
    private final Set<String> serviceNames = new HashSet<>();
    private final Set<String> identityNames = new HashSet<>();
    private final Set<String> roleNames = new HashSet<>();
    /** "known: ..." lists, built once: a large document may have many unknown references. */
    private final Map<String, String> knownByKind = new HashMap<>();
    private String knownIdentities;

    DocumentValidator(Problems problems) {
        this.problems = problems;
    }

    /** The document built from {@code root}; only meaningful when no problem was added. */
    PolicyDocument validate(Node root) {
        if (!(root instanceof MapNode top)) {
            problems.add(root, "", "a policy document must be a mapping with apiVersion, services, identities, roles "
                    + "and bindings; got " + root.describe());
            return null;
        }
        checkFields(top, "", List.of("apiVersion", "services", "identities", "roles", "bindings"), List.of("apiVersion"));
        Entry api = top.get("apiVersion");
        if (api != null) {
            String version = string(api.value(), "apiVersion", "the apiVersion");
            if (version != null && !version.equals(PolicyDocument.API_VERSION)) {
                problems.add(api.value(), "apiVersion", "unknown apiVersion " + Quote.of(version)
                        + "; this version of Rolegate reads \"" + PolicyDocument.API_VERSION + "\"");
            }
        }
        MapNode services = section(top, "services");
        MapNode identities = section(top, "identities");
        MapNode roles = section(top, "roles");
        collectNames(services, "services", "service", serviceNames);
        collectNames(identities, "identities", "identity", identityNames);
        collectNames(roles, "roles", "role", roleNames);
        if (identities != null) {
            for (Entry e : identities.entries()) {
                if (serviceNames.contains(e.key())) {
                    problems.add(e.keyLine(), e.keyColumn(), Problems.child("identities", e.key()), "duplicate name "
                            + Quote.of(e.key()) + ": it is already a service; a name is either a service or an identity");
                }
            }
        }
        Map<String, PolicyDocument.ServiceDef> serviceDefs = services == null ? Map.of() : services(services);
        Map<String, PolicyDocument.IdentityDef> identityDefs = identities == null ? Map.of() : identities(identities);
        Map<String, PolicyDocument.RoleDef> roleDefs = roles == null ? Map.of() : roles(roles);
        List<PolicyDocument.Binding> bindings = List.of();
        Entry bindingsEntry = top.get("bindings");
        if (bindingsEntry != null) {
            ListNode list = list(bindingsEntry.value(), "bindings", "a list of bindings");
            if (list != null) {
                bindings = bindings(list);
            }
        }
        return new PolicyDocument(serviceDefs, identityDefs, roleDefs, bindings);
    }

    // ---- sections ---------------------------------------------------------------------------

    private MapNode section(MapNode top, String field) {
        Entry e = top.get(field);
        return e == null ? null : map(e.value(), field, "a mapping of " + field);
    }

    private void collectNames(MapNode section, String path, String what, Set<String> names) {
        if (section == null) {
            return;
        }
        for (Entry e : section.entries()) {
            String problem = nameKeyProblem(e, what);
            if (problem != null) {
                problems.add(e.keyLine(), e.keyColumn(), Problems.child(path, e.key()), problem);
            }
            names.add(e.key());
        }
    }

    private String nameKeyProblem(Entry e, String what) {
        if (e.keyKind() != ScalarKind.STRING) {
            return what + " name " + e.key() + " is read by YAML 1.1 as " + article(e.keyKind())
                    + ", not a name; quote it: " + Quote.of(e.key());
        }
        return Names.problem(e.key());
    }

    private Map<String, PolicyDocument.ServiceDef> services(MapNode services) {
        Map<String, PolicyDocument.ServiceDef> out = new LinkedHashMap<>();
        Map<String, String> addressOwners = new HashMap<>();
        for (Entry e : services.entries()) {
            String path = Problems.child("services", e.key());
            MapNode def = map(e.value(), path, "a mapping with addresses and public (write {} for neither)");
            List<String> addresses = List.of();
            List<String> publicRequests = List.of();
            if (def != null) {
                checkFields(def, path, List.of("addresses", "public"), List.of());
                Entry a = def.get("addresses");
                if (a != null) {
                    addresses = strings(a.value(), Problems.child(path, "addresses"), "addresses", false,
                            (item, itemPath, text) -> checkAddress(e.key(), item, itemPath, text, addressOwners));
                }
                Entry p = def.get("public");
                if (p != null) {
                    publicRequests = strings(p.value(), Problems.child(path, "public"), "public requests", false,
                            (item, itemPath, text) -> checkPublicEntry(item, itemPath, text));
                }
            }
            out.put(e.key(), new PolicyDocument.ServiceDef(e.key(), addresses, publicRequests));
        }
        return Collections.unmodifiableMap(out);
    }

    private void checkAddress(String service, Node item, String path, String text, Map<String, String> owners) {
        String[] problem = new String[1];
        Address address = Address.parse(text, problem);
        if (address == null) {
            problems.add(item, path, problem[0]);
            return;
        }
        // A bare host:port stands for both schemes; each (scheme, host, port) may lead to one service only.
        for (String scheme : address.scheme() == null ? List.of("http", "https") : List.of(address.scheme())) {
            String key = scheme + "://" + address.host() + ":" + address.port();
            String owner = owners.putIfAbsent(key, service);
            if (owner != null) {
                problems.add(item, path, "address " + Quote.of(text) + " overlaps " + key
                        + (owner.equals(service) ? ", already listed for this service"
                        : ", which already leads to service " + Quote.of(owner)));
                return;
            }
        }
    }

    private void checkPublicEntry(Node item, String path, String text) {
        List<String> reasons = new ArrayList<>();
        PublicRequest.parse(text, reasons);
        for (String reason : reasons) {
            problems.add(item, path, reason);
        }
    }

    private Map<String, PolicyDocument.IdentityDef> identities(MapNode identities) {
        Map<String, PolicyDocument.IdentityDef> out = new LinkedHashMap<>();
        for (Entry e : identities.entries()) {
            String path = Problems.child("identities", e.key());
            MapNode def = map(e.value(), path, "a mapping with kind and description");
            String kind = null;
            String description = null;
            if (def != null) {
                checkFields(def, path, List.of("kind", "description"), List.of("kind"));
                Entry k = def.get("kind");
                if (k != null) {
                    kind = string(k.value(), Problems.child(path, "kind"), "a kind (job, device or client)");
                    if (kind != null && !KINDS.contains(kind)) {
                        problems.add(k.value(), Problems.child(path, "kind"), "unknown kind " + Quote.of(kind)
                                + " (known: job, device, client)");
                    }
                }
                description = optionalString(def, path, "description");
            }
            out.put(e.key(), new PolicyDocument.IdentityDef(e.key(), kind, description));
        }
        return Collections.unmodifiableMap(out);
    }

    private Map<String, PolicyDocument.RoleDef> roles(MapNode roles) {
        Map<String, PolicyDocument.RoleDef> out = new LinkedHashMap<>();
        for (Entry e : roles.entries()) {
            String path = Problems.child("roles", e.key());
            MapNode def = map(e.value(), path, "a mapping with description and allow");
            String description = null;
            List<PolicyDocument.Rule> rules = new ArrayList<>();
            if (def != null) {
                checkFields(def, path, List.of("description", "allow"), List.of("allow"));
                description = optionalString(def, path, "description");
                Entry allow = def.get("allow");
                String allowPath = Problems.child(path, "allow");
                ListNode list = allow == null ? null : list(allow.value(), allowPath, "a list of rules");
                if (list != null) {
                    for (int i = 0; i < list.items().size(); i++) {
                        PolicyDocument.Rule rule = rule(list.items().get(i), Problems.index(allowPath, i));
                        if (rule != null) {
                            rules.add(rule);
                        }
                    }
                }
            }
            out.put(e.key(), new PolicyDocument.RoleDef(e.key(), description, List.copyOf(rules)));
        }
        return Collections.unmodifiableMap(out);
    }

    private PolicyDocument.Rule rule(Node node, String path) {
        MapNode def = map(node, path, "a rule (a mapping with service, methods and paths)");
        if (def == null) {
            return null;
        }
        checkFields(def, path, List.of("service", "methods", "paths"), List.of("service", "methods", "paths"));
        String service = null;
        Entry s = def.get("service");
        if (s != null) {
            service = reference(s.value(), Problems.child(path, "service"), "service", serviceNames);
        }
        List<String> methods = List.of();
        Entry m = def.get("methods");
        if (m != null) {
            String methodsPath = Problems.child(path, "methods");
            methods = strings(m.value(), methodsPath, "methods", true, this::checkMethod);
            if (methods.size() > 1 && methods.contains(Methods.ANY)) {
                problems.add(m.value(), methodsPath, "\"*\" means any method and must be the only entry, as [\"*\"]; got "
                        + methods);
            }
        }
        List<String> paths = List.of();
        Entry p = def.get("paths");
        if (p != null) {
            paths = strings(p.value(), Problems.child(path, "paths"), "path patterns", true, (item, itemPath, text) -> {
                List<String> reasons = new ArrayList<>();
                PathPattern.parse(text, reasons);
                for (String reason : reasons) {
                    problems.add(item, itemPath, reason);
                }
            });
        }
        return new PolicyDocument.Rule(service, methods, paths);
    }

    private void checkMethod(Node item, String path, String text) {
        if (!text.equals(Methods.ANY)) {
            String problem = Methods.problem(text);
            if (problem != null) {
                problems.add(item, path, problem);
            }
        }
    }

    private List<PolicyDocument.Binding> bindings(ListNode list) {
        List<PolicyDocument.Binding> out = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = Problems.index("bindings", i);
            MapNode def = map(list.items().get(i), path, "a binding (a mapping with role and identities)");
            if (def == null) {
                continue;
            }
            checkFields(def, path, List.of("role", "identities"), List.of("role", "identities"));
            String role = null;
            Entry r = def.get("role");
            if (r != null) {
                role = reference(r.value(), Problems.child(path, "role"), "role", roleNames);
            }
            List<String> identities = List.of();
            Entry ids = def.get("identities");
            if (ids != null) {
                String idsPath = Problems.child(path, "identities");
                String boundRole = role;
                identities = strings(ids.value(), idsPath, "identities", true, (item, itemPath, text) -> {
                    if (checkIdentityReference(item, itemPath, text) && boundRole != null
                            && !pairs.add(boundRole + "\n" + text)) {
                        problems.add(item, itemPath, "identity " + Quote.of(text) + " is already bound to role "
                                + Quote.of(boundRole));
                    }
                });
            }
            out.add(new PolicyDocument.Binding(role, identities));
        }
        return List.copyOf(out);
    }

    /** Whether {@code text} names a known identity or service; reports it when not. */
    private boolean checkIdentityReference(Node item, String path, String text) {
        if (serviceNames.contains(text) || identityNames.contains(text)) {
            return true;
        }
        String nameProblem = Names.problem(text);
        if (nameProblem != null) {
            problems.add(item, path, nameProblem);
            return false;
        }
        if (knownIdentities == null) {
            Set<String> known = new TreeSet<>(serviceNames);
            known.addAll(identityNames);
            knownIdentities = listed(new ArrayList<>(known));
        }
        problems.add(item, path, "unknown identity " + Quote.of(text) + " (known: " + knownIdentities + ")");
        return false;
    }

    /** The referenced name if it is known, else {@code null} after reporting it. */
    private String reference(Node node, String path, String what, Set<String> names) {
        String text = string(node, path, "a " + what + " name");
        if (text == null) {
            return null;
        }
        if (names.contains(text)) {
            return text;
        }
        String nameProblem = Names.problem(text);
        if (nameProblem != null) {
            problems.add(node, path, nameProblem);
        } else {
            String known = knownByKind.computeIfAbsent(what, k -> listed(new ArrayList<>(new TreeSet<>(names))));
            problems.add(node, path, "unknown " + what + " " + Quote.of(text) + " (known: " + known + ")");
        }
        return text;
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        if (names.size() <= MAX_KNOWN_LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_KNOWN_LISTED)) + ", ... " + (names.size() - MAX_KNOWN_LISTED) + " more";
    }

    // ---- typed access -----------------------------------------------------------------------

    private interface ItemCheck {
        void check(Node item, String path, String text);
    }

    /**
     * A list of strings; each item is checked by {@code check}, duplicates are reported.
     * Returns the strings that are strings (so later checks see as much as possible).
     */
    private List<String> strings(Node node, String path, String what, boolean nonEmpty, ItemCheck check) {
        ListNode list = list(node, path, "a list of " + what);
        if (list == null) {
            return List.of();
        }
        if (nonEmpty && list.items().isEmpty()) {
            problems.add(list, path, "the list of " + what + " must not be empty");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String itemPath = Problems.index(path, i);
            String text = string(item, itemPath, "a string");
            if (text == null) {
                continue;
            }
            if (!seen.add(text)) {
                problems.add(item, itemPath, "duplicate entry " + Quote.of(text) + " in " + what);
                continue;
            }
            check.check(item, itemPath, text);
            out.add(text);
        }
        return List.copyOf(out);
    }

    private String optionalString(MapNode def, String path, String field) {
        Entry e = def.get(field);
        return e == null ? null : string(e.value(), Problems.child(path, field), "a string");
    }

    private String string(Node node, String path, String expected) {
        if (node instanceof ScalarNode s && s.kind() == ScalarKind.STRING) {
            return s.text();
        }
        problems.add(node, path, mismatch(node, expected, true));
        return null;
    }

    private ListNode list(Node node, String path, String expected) {
        if (node instanceof ListNode l) {
            return l;
        }
        String hint = node instanceof ScalarNode s && s.kind() == ScalarKind.STRING
                ? "; write it as a list: [" + s.text() + "]" : "";
        problems.add(node, path, mismatch(node, expected, false) + hint);
        return null;
    }

    private MapNode map(Node node, String path, String expected) {
        if (node instanceof MapNode m) {
            return m;
        }
        problems.add(node, path, mismatch(node, expected, false));
        return null;
    }

    private String mismatch(Node node, String expected, boolean wantsString) {
        if (node instanceof ScalarNode s && problems.format() == Problems.Format.YAML
                && s.kind() != ScalarKind.STRING && s.kind() != ScalarKind.OTHER) {
            if (s.text().isEmpty()) {
                return "expected " + expected + ", but nothing is given (YAML reads this as null)";
            }
            String quoteHint = wantsString ? "; if you mean the string, quote it: " + Quote.of(s.text()) : "";
            return "expected " + expected + ", but YAML 1.1 reads " + s.text() + " as " + article(s.kind()) + quoteHint;
        }
        return "expected " + expected + ", got " + node.describe();
    }

    private static String article(ScalarKind kind) {
        switch (kind) {
            case NULL:
                return "null";
            case BOOLEAN:
                return "a boolean";
            case INTEGER:
                return "an integer";
            case FLOAT:
                return "a floating-point number";
            case TIMESTAMP:
                return "a timestamp";
            default:
                return "a special value";
        }
    }

    /** Reports unknown and missing fields of {@code map}. */
    private void checkFields(MapNode map, String path, List<String> known, Collection<String> required) {
        for (Entry e : map.entries()) {
            if (!known.contains(e.key())) {
                problems.add(e.keyLine(), e.keyColumn(), Problems.child(path, e.key()), "unknown field "
                        + Quote.of(e.key()) + " (known fields: " + String.join(", ", known) + ")");
            }
        }
        for (String field : required) {
            if (map.get(field) == null) {
                problems.add(map, path, "missing required field \"" + field + "\"");
            }
        }
    }
}
