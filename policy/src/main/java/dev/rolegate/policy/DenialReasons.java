package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Builds the one-sentence reason of a denial. Kept apart from {@link CompiledPolicy#decide} because
 * it may take its time and allocate: it runs only for denials, and its job is to tell an operator
 * what to change. Every reason names the caller, the method, the path and the service.
 */
final class DenialReasons {
    private DenialReasons() {
    }

    static String explain(CompiledPolicy policy, String caller, Collection<String> presented, String service,
                          String method, String path) {
        String request = method + " " + path;
        if (!policy.isService(service)) {
            return "no service " + Quote.of(String.valueOf(service)) + " in this policy, so " + caller
                    + " may not " + request + " on it";
        }
        if (!policy.isIdentity(caller)) {
            return "caller " + Quote.of(String.valueOf(caller)) + " is not an identity in this policy, so it may not "
                    + request + " on " + service;
        }
        if (method == null || path == null) {
            return caller + " sent no " + (method == null ? "method" : "path") + " to " + service;
        }
        Set<String> bound = policy.rolesBoundTo(caller);
        List<String> allowing = policy.rolesAllowing(service, method, path);
        Collection<String> shown = presented == null ? List.of() : presented;
        for (String role : allowing) {
            if (shown.contains(role) && !bound.contains(role)) {
                return "role " + role + " presented by " + caller + " is no longer bound to it, so it may not "
                        + request + " on " + service;
            }
        }
        List<String> granting = policy.rolesGrantingOn(caller, service);
        if (granting.isEmpty()) {
            return caller + " has no role bound on " + service + ", so it may not " + request;
        }
        List<String> notPresented = new ArrayList<>();
        for (String role : allowing) {
            if (bound.contains(role) && !shown.contains(role)) {
                notPresented.add(role);
            }
        }
        if (!notPresented.isEmpty()) {
            return "no role of " + caller + " allows " + request + " on " + service + ": bound role "
                    + String.join(", ", notPresented) + " would, but the token does not carry it";
        }
        return "no role of " + caller + " allows " + request + " on " + service;
    }
}
