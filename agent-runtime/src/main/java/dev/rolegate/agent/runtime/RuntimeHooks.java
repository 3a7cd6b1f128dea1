package dev.rolegate.agent.runtime;

import dev.rolegate.agent.runtime.inbound.InboundEnforcer;
import dev.rolegate.agent.runtime.outbound.OutboundDecider;
import dev.rolegate.bootstrap.AgentHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.OutboundAction;

/** The runtime's side of the bridge: hands each call to the enforcer or the outbound decider. */
final class RuntimeHooks implements AgentHooks {
    private final InboundEnforcer inbound;
    private final OutboundDecider outbound;
    private final String tokenHeader;
    private final boolean injectInboundFault;

    /** @param outbound null when no token may be attached (configuration error) */
    RuntimeHooks(InboundEnforcer inbound, OutboundDecider outbound, String tokenHeader) {
        this(inbound, outbound, tokenHeader, false);
    }

    /** @param injectInboundFault TEST ONLY (see {@link TestFault}): every inbound decision throws */
    RuntimeHooks(InboundEnforcer inbound, OutboundDecider outbound, String tokenHeader, boolean injectInboundFault) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.tokenHeader = tokenHeader;
        this.injectInboundFault = injectInboundFault;
    }

    @Override
    public InboundDecision decideInbound(String method, String target, String[] tokenValues, String[] overrideMethods) {
        if (injectInboundFault) {
            throw TestFault.injected();
        }
        return inbound.decide(method, target, tokenValues, overrideMethods);
    }

    @Override
    public InboundDecision decideInbound(String method, String rawTarget, String routedPath, String[] tokenValues,
                                         String[] overrideMethods) {
        if (injectInboundFault) {
            throw TestFault.injected();
        }
        return inbound.decide(method, rawTarget, routedPath, tokenValues, overrideMethods);
    }

    @Override
    public OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
        return outbound == null ? null : outbound.decide(scheme, host, port, method, path);
    }

    @Override
    public String tokenHeader() {
        return tokenHeader;
    }
}
