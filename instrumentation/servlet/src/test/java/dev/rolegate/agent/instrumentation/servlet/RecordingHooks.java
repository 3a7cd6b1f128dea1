package dev.rolegate.agent.instrumentation.servlet;

import dev.rolegate.bootstrap.AgentHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.OutboundAction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for the agent runtime. Token {@code good} passes as caller {@code orders}; no token passes
 * anonymously on {@code /ctx/public}; a routed path ending in {@code /boom} makes the runtime throw;
 * anything else is a 403 problem. Every routed-path decision is recorded.
 */
final class RecordingHooks implements AgentHooks {
    static final String TOKEN_HEADER = "Rolegate-Token";

    /** One inbound decision as asked. */
    record Inbound(String method, String rawTarget, String routedPath, List<String> tokens, List<String> overrides) {
    }

    private final List<Inbound> inbound = new CopyOnWriteArrayList<>();

    void reset() {
        inbound.clear();
    }

    List<Inbound> inbound() {
        return List.copyOf(inbound);
    }

    @Override
    public InboundDecision decideInbound(String method, String rawTarget, String routedPath, String[] tokenValues,
                                         String[] overrideMethods) {
        inbound.add(new Inbound(method, rawTarget, routedPath, List.of(tokenValues), List.of(overrideMethods)));
        if (routedPath != null && routedPath.endsWith("/boom")) {
            throw new IllegalStateException("injected");
        }
        if (tokenValues.length == 1 && tokenValues[0].equals("good")) {
            return InboundDecision.pass("orders");
        }
        if (tokenValues.length == 0 && "/ctx/public".equals(routedPath)) {
            return InboundDecision.passAnonymous();
        }
        return InboundDecision.stop(403, "{\"title\":\"Forbidden\",\"status\":403}", "X-Rolegate-Test", "denied");
    }

    @Override
    public InboundDecision decideInbound(String method, String target, String[] tokenValues, String[] overrideMethods) {
        throw new AssertionError("servlet containers must pass the routed path");
    }

    @Override
    public OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
        return null;
    }

    @Override
    public String tokenHeader() {
        return TOKEN_HEADER;
    }
}
