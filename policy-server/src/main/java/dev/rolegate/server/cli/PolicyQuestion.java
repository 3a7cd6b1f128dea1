package dev.rolegate.server.cli;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.PathNormalizer;

import java.util.Locale;

/**
 * "May IDENTITY call METHOD PATH on SERVICE?" under a policy, answered the way the agent decides
 * (ambiguous path, public entry, bound roles), for {@code can-i} and {@code test}.
 *
 * @param allowed whether the request would reach the application
 * @param reason  one sentence
 */
record PolicyQuestion(boolean allowed, String reason) {

    static PolicyQuestion ask(CompiledPolicy policy, String policyName, String identity, String method, String service,
                              String path) {
        // Methods are case-sensitive upper-case tokens; accept "get" typed at a shell.
        String m = method.toUpperCase(Locale.ROOT);
        PathNormalizer.NormalizedPath normalized = PathNormalizer.normalize(path);
        if (normalized.isRejected()) {
            return new PolicyQuestion(false, "the path \"" + path + "\" is ambiguous and is refused with 400: "
                    + normalized.rejection());
        }
        String p = normalized.path();
        if (!policy.isService(service)) {
            return new PolicyQuestion(false, "\"" + service + "\" is not a service in " + policyName);
        }
        if (policy.isPublic(service, m, p)) {
            return new PolicyQuestion(true, m + " " + p + " is public on " + service + ": no token is needed");
        }
        if (!policy.isIdentity(identity)) {
            return new PolicyQuestion(false, "\"" + identity + "\" is not an identity in " + policyName);
        }
        Decision d = policy.check(identity, service, m, p);
        String reason = d.reason();
        if (d.allowed() && d.rule() != null) {
            reason += " (rule " + d.rule() + ")";
        }
        return new PolicyQuestion(d.allowed(), reason);
    }
}
