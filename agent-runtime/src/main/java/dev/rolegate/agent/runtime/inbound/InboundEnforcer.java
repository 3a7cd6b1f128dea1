package dev.rolegate.agent.runtime.inbound;

import dev.rolegate.agent.runtime.audit.AuditRecord;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.config.Mode;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.JwsRejectedException;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.agent.runtime.verify.VerifiedToken;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.PathNormalizer;

import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides inbound requests by the table of CONTRACT.md section 5, in its order: (1) no policy in
 * enforce mode: 503; (2) ambiguous path: 400; (3) public: pass; (4) no token: 401; (5) several tokens
 * or an invalid one: 401 invalid_token; (6) no role allows: 403; (7) allowed: pass with the caller.
 * A method-override header must be allowed as well as the request method.
 *
 * <p>In monitor mode every request passes and what would have been refused is audited as
 * {@code would-deny}; a valid token still yields its caller. A configuration error answers 503 to
 * everything. The identity not being a service of the policy is a 403 for everything but an
 * ambiguous path.
 */
public final class InboundEnforcer {
    private static final Pattern METHOD_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_AUDIT_PATH = 2048;
    private static final String[] NO_OVERRIDES = new String[0];

    private final String identity;
    private final Mode mode;
    private final String modeName;
    private final boolean configError;
    private final Supplier<PolicySnapshot> policy;
    private final TokenVerifier verifier;
    private final AuditSink audit;
    private final LongSupplier clock;

    /**
     * @param configError when true every request is answered 503 (the agent's configuration is invalid)
     */
    public InboundEnforcer(String identity, Mode mode, boolean configError, Supplier<PolicySnapshot> policy,
                           TokenVerifier verifier, AuditSink audit, LongSupplier clock) {
        this.identity = identity;
        this.mode = mode;
        this.modeName = mode == null || configError ? Mode.ENFORCE.wireName() : mode.wireName();
        this.configError = configError || mode == null;
        this.policy = policy;
        this.verifier = verifier;
        this.audit = audit;
        this.clock = clock;
    }

    /** Decides one request; see the class comment. Never returns null. */
    public InboundDecision decide(String method, String target, String[] tokenValues, String[] overrideMethods) {
        return decide(method, target, null, tokenValues, overrideMethods);
    }

    /**
     * Decides one request that the server has already mapped (servlet containers): {@code target},
     * the raw request target, is rejected with 400 if it is ambiguous, and the decision is then made
     * on {@code routedPath}, the decoded path the server dispatches to (null: on the raw target's
     * path). A routed path that is itself ambiguous is rejected too. Never returns null.
     */
    public InboundDecision decide(String method, String target, String routedPath, String[] tokenValues,
                                  String[] overrideMethods) {
        if (configError) {
            audit(AuditRecord.DENY, 503, null, null, null, method, truncate(target),
                    "the Rolegate agent's configuration is invalid", -1);
            return ProblemResponses.stop(503, "the Rolegate agent of this service has a configuration error (see its log);"
                    + " the request was not let through", "Retry-After", "5");
        }
        if (mode == Mode.OFF) {
            return InboundDecision.passAnonymous();
        }
        boolean monitor = mode == Mode.MONITOR;
        PolicySnapshot snap = policy.get();
        if (snap == null) {
            String reason = "no policy loaded yet (policy server not reached and no cached policy)";
            if (monitor) {
                audit(AuditRecord.WOULD_DENY, 503, null, null, null, method, truncate(target), reason, -1);
                return InboundDecision.passAnonymous();
            }
            audit(AuditRecord.DENY, 503, null, null, null, method, truncate(target), reason, -1);
            return ProblemResponses.stop(503, "Rolegate has no policy yet; the request was not let through",
                    "Retry-After", "1");
        }
        long rev = snap.rev();

        PathNormalizer.NormalizedPath normalized = PathNormalizer.normalize(target);
        if (normalized == null || normalized.isRejected()) {
            String why = normalized == null ? "not a path" : normalized.rejection();
            return refuse(monitor, 400, null, null, method, truncate(target), "ambiguous request path: " + why, rev, null);
        }
        String path = normalized.path();
        if (routedPath != null) {
            PathNormalizer.NormalizedPath routed = RoutedPaths.normalize(routedPath);
            if (routed.isRejected()) {
                return refuse(monitor, 400, null, null, method, truncate(routedPath),
                        "ambiguous routed path: " + routed.rejection(), rev, null);
            }
            path = routed.path();
        }
        String[] overrides = overrideMethods == null ? NO_OVERRIDES : overrideMethods;
        for (String o : overrides) {
            if (o == null || !METHOD_TOKEN.matcher(o.trim()).matches()) {
                return refuse(monitor, 400, null, null, method, path, "malformed method-override header value", rev, null);
            }
        }
        CompiledPolicy p = snap.policy();
        if (!p.isService(identity)) {
            return refuse(monitor, 403, null, null, method, path, identity + " is not a service in policy rev " + rev
                    + ", so no request to it can be allowed; add it under services", rev, null);
        }
        if (isPublic(p, method, path, overrides)) {
            return InboundDecision.passAnonymous();
        }

        int present = tokenValues == null ? 0 : tokenValues.length;
        if (present == 0) {
            return refuse(monitor, 401, null, null, method, path, "no token (expected in the "
                    + "token header)", rev, null, ProblemResponses.WWW_AUTHENTICATE, ProblemResponses.BEARER);
        }
        if (present > 1) {
            return refuse(monitor, 401, null, null, method, path, "more than one token header", rev, null,
                    ProblemResponses.WWW_AUTHENTICATE, ProblemResponses.BEARER_INVALID);
        }
        String token = tokenValues[0] == null ? "" : tokenValues[0].trim();
        VerifiedToken v;
        try {
            v = verifier.verify(token);
        } catch (JwsRejectedException e) {
            return refuse(monitor, 401, null, null, method, path, "invalid token: " + e.getMessage(), rev, null,
                    ProblemResponses.WWW_AUTHENTICATE, ProblemResponses.BEARER_INVALID);
        }

        // The allocation-free match first (the common case); the full decide only to explain a denial.
        Decision d = p.allowing(v.caller(), v.roles(), identity, method, path);
        if (d == null) {
            d = p.decide(v.caller(), v.roles(), identity, method, path);
        }
        if (d.allowed()) {
            for (String o : overrides) {
                Decision od = decideOverride(p, v, o.trim(), path);
                if (od != null) {
                    return refuse(monitor, 403, v.caller(), v.roles(), method, path,
                            reason(od, v.caller(), method + " overridden to " + o.trim(), path), rev, v);
                }
            }
            audit(AuditRecord.ALLOW, 0, v.caller(), v.roles(), d.role(), method, path, d.reason(), rev);
            return v.pass();
        }
        return refuse(monitor, 403, v.caller(), v.roles(), method, path, reason(d, v.caller(), method, path), rev, v);
    }

    /** The denying decision for an override value (checked as sent and upper-cased), or null when allowed. */
    private Decision decideOverride(CompiledPolicy p, VerifiedToken v, String override, String path) {
        Decision od = p.decide(v.caller(), v.roles(), identity, override, path);
        if (!od.allowed()) {
            return od;
        }
        String upper = override.toUpperCase(Locale.ROOT);
        if (!upper.equals(override)) {
            Decision ud = p.decide(v.caller(), v.roles(), identity, upper, path);
            if (!ud.allowed()) {
                return ud;
            }
        }
        return null;
    }

    private boolean isPublic(CompiledPolicy p, String method, String path, String[] overrides) {
        if (!p.isPublic(identity, method, path)) {
            return false;
        }
        for (String o : overrides) {
            String t = o.trim();
            if (!p.isPublic(identity, t, path) || !p.isPublic(identity, t.toUpperCase(Locale.ROOT), path)) {
                return false;
            }
        }
        return true;
    }

    private String reason(Decision d, String caller, String method, String path) {
        String r = d.reason();
        return r != null && !r.isBlank() ? r : "no role of " + caller + " allows " + method + " " + path + " on " + identity;
    }

    private InboundDecision refuse(boolean monitor, int status, String caller, List<String> roles, String method,
                                   String path, String reason, long rev, VerifiedToken valid, String... headers) {
        if (monitor) {
            audit(AuditRecord.WOULD_DENY, status, caller, roles, null, method, path, reason, rev);
            return valid != null ? valid.pass() : InboundDecision.passAnonymous();
        }
        audit(AuditRecord.DENY, status, caller, roles, null, method, path, reason, rev);
        return ProblemResponses.stop(status, reason, headers);
    }

    private void audit(String decision, int status, String caller, List<String> roles, String role, String method,
                       String path, String reason, long rev) {
        if (!audit.enabled()) {
            return;
        }
        audit.record(new AuditRecord(clock.getAsLong(), identity, decision, status, caller, roles, role, method, path,
                reason, rev, modeName));
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_AUDIT_PATH ? s : s.substring(0, MAX_AUDIT_PATH) + "...";
    }
}
