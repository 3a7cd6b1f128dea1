package dev.rolegate.agent.instrumentation.nettyclient;

import dev.rolegate.bootstrap.AgentHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.OutboundAction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for the agent runtime: lists destinations ({@code scheme host:port} to an audience), hands
 * out {@code token-for-<audience>}, refuses where told, and records every outbound decision.
 */
final class RecordingHooks implements AgentHooks {
    static final String TOKEN_HEADER = "Rolegate-Token";

    /** One outbound decision as asked. */
    record Outbound(String scheme, String host, int port, String method, String path) {
    }

    private final Map<String, String> services = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final List<Outbound> outbound = new CopyOnWriteArrayList<>();

    void reset() {
        services.clear();
        refusals.clear();
        outbound.clear();
    }

    void listService(String audience, String host, int port) {
        services.put(host + ":" + port, audience);
    }

    void refuse(String host, int port, String message) {
        refusals.put(host + ":" + port, message);
    }

    List<Outbound> outboundCalls() {
        return List.copyOf(outbound);
    }

    static String tokenFor(String audience) {
        return "token-for-" + audience;
    }

    @Override
    public InboundDecision decideInbound(String method, String target, String[] tokenValues, String[] overrideMethods) {
        return InboundDecision.passAnonymous();
    }

    @Override
    public OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
        outbound.add(new Outbound(scheme, host, port, method, path));
        String refusal = refusals.get(host + ":" + port);
        if (refusal != null) {
            return OutboundAction.refuse(refusal);
        }
        String audience = services.get(host + ":" + port);
        return audience == null ? null : OutboundAction.attach(TOKEN_HEADER, tokenFor(audience));
    }

    @Override
    public String tokenHeader() {
        return TOKEN_HEADER;
    }
}
