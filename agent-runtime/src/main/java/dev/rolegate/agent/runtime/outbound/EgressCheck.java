package dev.rolegate.agent.runtime.outbound;

import dev.rolegate.agent.runtime.audit.AuditRecord;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.config.Egress;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.PathNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code ROLEGATE_EGRESS}: before a call to a known service leaves, checks whether this workload,
 * with every role bound to it, may call that method and path there under its current policy
 * ({@link CompiledPolicy#check}). {@code monitor} audits a {@code would-deny} record with
 * {@code "direction":"outbound"} and lets the call go; {@code enforce} audits {@code deny} and
 * answers the refusal that the client adapter turns into an {@link java.io.IOException}.
 *
 * <p>Only what the receiver would refuse for lack of a role is checked here: a {@code public}
 * entry passes, and a path the receiver would reject as ambiguous (400) is left to the receiver.
 */
public final class EgressCheck {
    private final String identity;
    private final Egress mode;
    private final AuditSink audit;
    private final LongSupplier clock;

    public EgressCheck(String identity, Egress mode, AuditSink audit, LongSupplier clock) {
        this.identity = identity;
        this.mode = mode == null ? Egress.MONITOR : mode;
        this.audit = audit;
        this.clock = clock;
    }

    /** A check that never refuses and never audits. */
    public static EgressCheck off() {
        return new EgressCheck(null, Egress.OFF, AuditSink.discarding(), System::currentTimeMillis);
    }

    /**
     * Checks one call to {@code service}.
     *
     * @return null to let the call go, else the refusal message naming the missing permission
     */
    public String refusal(PolicySnapshot snap, String service, String method, String rawPath) {
        if (mode == Egress.OFF || identity == null || snap == null || method == null) {
            return null;
        }
        PathNormalizer.NormalizedPath normalized = PathNormalizer.normalize(rawPath == null ? "/" : rawPath);
        if (normalized == null || normalized.isRejected()) {
            return null;
        }
        String m = method.toUpperCase(Locale.ROOT);
        String path = normalized.path();
        CompiledPolicy policy = snap.policy();
        if (policy.isPublic(service, m, path)) {
            return null;
        }
        Decision d = policy.check(identity, service, m, path);
        if (d.allowed()) {
            return null;
        }
        boolean enforce = mode == Egress.ENFORCE;
        if (audit.enabled()) {
            List<String> roles = new ArrayList<>(policy.rolesBoundTo(identity));
            audit.record(new AuditRecord(clock.getAsLong(), service, enforce ? AuditRecord.DENY : AuditRecord.WOULD_DENY,
                    0, identity, roles, null, m, path, d.reason(), snap.rev(), mode.wireName(), AuditRecord.OUTBOUND));
        }
        return enforce ? "rolegate egress check refused " + m + " " + path + " on " + service + ": " + d.reason()
                + " (ROLEGATE_EGRESS=enforce; nothing was sent)" : null;
    }
}
