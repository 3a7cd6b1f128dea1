package dev.rolegate.agent.instrumentation.okhttp;

import dev.rolegate.bootstrap.AgentHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.OutboundAction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stand-in for the agent runtime: lists destinations ("host:port" to an audience), hands out
 * {@code token-for-<audience>}, answers inbound requests as a test tells it to, and records every
 * call it receives.
 */
public final class RecordingHooks implements AgentHooks {
    public static final String TOKEN_HEADER = "Rolegate-Token";

    /** One inbound call as received. */
    public record Inbound(String method, String target, List<String> tokens, List<String> overrides) {
    }

    /** One outbound call as received. */
    public record Outbound(String scheme, String host, int port, String method, String path) {
    }

    private final Map<String, String> services = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final List<Inbound> inbound = new CopyOnWriteArrayList<>();
    private final List<Outbound> outbound = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile Function<Inbound, InboundDecision> inboundAnswer = request -> InboundDecision.passAnonymous();

    /** Forgets everything a previous test configured or recorded. */
    public void reset() {
        services.clear();
        refusals.clear();
        inbound.clear();
        outbound.clear();
        events.clear();
        inboundAnswer = request -> InboundDecision.passAnonymous();
    }

    /** Lists {@code host:port} as an address of {@code audience}. */
    public void listService(String audience, String host, int port) {
        services.put(host + ":" + port, audience);
    }

    /** Makes outbound calls to {@code host:port} fail locally with {@code message}. */
    public void refuse(String host, int port, String message) {
        refusals.put(host + ":" + port, message);
    }

    /** Sets how inbound requests are answered (the function may throw). */
    public void answerInbound(Function<Inbound, InboundDecision> answer) {
        this.inboundAnswer = answer;
    }

    public List<Inbound> inboundCalls() {
        return List.copyOf(inbound);
    }

    public List<Outbound> outboundCalls() {
        return List.copyOf(outbound);
    }

    /** Shared ordered log that tests' filters and handlers append to, next to "decision" entries. */
    public List<String> events() {
        return events;
    }

    public static String tokenFor(String audience) {
        return "token-for-" + audience;
    }

    @Override
    public InboundDecision decideInbound(String method, String target, String[] tokenValues, String[] overrideMethods) {
        Inbound call = new Inbound(method, target, List.of(tokenValues), List.of(overrideMethods));
        inbound.add(call);
        events.add("decision");
        return inboundAnswer.apply(call);
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
