package dev.rolegate.agent.runtime.outbound;

import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.bootstrap.OutboundAction;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides what an outgoing call carries: a token only on an exact scheme + host + port match with
 * some service's {@code addresses}, and never on calls to the policy server itself (checked first).
 * A call to a known service first passes the {@link EgressCheck}, which may refuse it.
 */
public final class OutboundDecider {
    /** Recognises the configured policy servers. */
    @FunctionalInterface
    public interface PolicyServerMatcher {
        boolean isPolicyServer(String scheme, String host, int port);
    }

    private final PolicyServerMatcher policyServers;
    private final Supplier<PolicySnapshot> policy;
    private final Function<String, String> tokens;
    private final String tokenHeader;
    private final EgressCheck egress;

    /** Without an egress check. */
    public OutboundDecider(PolicyServerMatcher policyServers, Supplier<PolicySnapshot> policy,
                           Function<String, String> tokens, String tokenHeader) {
        this(policyServers, policy, tokens, tokenHeader, EgressCheck.off());
    }

    /**
     * @param tokens audience to token, or null when none could be had
     * @param egress what {@code ROLEGATE_EGRESS} asks for calls to known services
     */
    public OutboundDecider(PolicyServerMatcher policyServers, Supplier<PolicySnapshot> policy,
                           Function<String, String> tokens, String tokenHeader, EgressCheck egress) {
        this.policyServers = policyServers;
        this.policy = policy;
        this.tokens = tokens;
        this.tokenHeader = tokenHeader;
        this.egress = egress;
    }

    /** Null to send the call untouched; else the token header to attach. */
    public OutboundAction decide(String scheme, String host, int port, String method, String path) {
        if (host == null || policyServers.isPolicyServer(scheme, host, port)) {
            return null;
        }
        PolicySnapshot snap = policy.get();
        if (snap == null) {
            return null;
        }
        Optional<String> service = snap.policy().serviceForAddress(scheme, host, port);
        if (service.isEmpty()) {
            return null;
        }
        // Checked before any token is fetched: a refused call costs no token request.
        String refusal = egress.refusal(snap, service.get(), method, path);
        if (refusal != null) {
            return OutboundAction.refuse(refusal);
        }
        String token = tokens.apply(service.get());
        return token == null ? null : OutboundAction.attach(tokenHeader, token);
    }
}
