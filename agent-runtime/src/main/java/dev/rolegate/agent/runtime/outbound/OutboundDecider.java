package dev.rolegate.agent.runtime.outbound;

import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.bootstrap.OutboundAction;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides what an outgoing call carries: a token only on an exact scheme + host + port match with
 * some service's {@code addresses}, and never on calls to the policy server itself (checked first).
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

    /**
     * @param tokens audience to token, or null when none could be had
     */
    public OutboundDecider(PolicyServerMatcher policyServers, Supplier<PolicySnapshot> policy,
                           Function<String, String> tokens, String tokenHeader) {
        this.policyServers = policyServers;
        this.policy = policy;
        this.tokens = tokens;
        this.tokenHeader = tokenHeader;
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
        // Seam for egress rules (a later issue): refuse here with OutboundAction.refuse(...) when the
        // policy forbids this workload to call the service at all.
        String token = tokens.apply(service.get());
        return token == null ? null : OutboundAction.attach(tokenHeader, token);
    }
}
