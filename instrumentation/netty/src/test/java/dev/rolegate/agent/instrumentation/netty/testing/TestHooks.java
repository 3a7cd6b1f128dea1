package dev.rolegate.agent.instrumentation.netty.testing;

import dev.rolegate.bootstrap.AgentHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.OutboundAction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stand-in for the agent runtime: answers inbound requests as a test tells it to and records every
 * call; see {@link #decideOutbound} for outbound calls.
 */
public final class TestHooks implements AgentHooks {
    public static final String TOKEN_HEADER = "Rolegate-Token";
    public static final String PROBLEM = "{\"title\":\"Unauthorized\",\"status\":401}";

    /** One inbound call as received. */
    public record Inbound(String method, String target, List<String> tokens, List<String> overrides) {
    }

    private final List<Inbound> inbound = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile Function<Inbound, InboundDecision> answer = request -> InboundDecision.passAnonymous();

    public void reset() {
        inbound.clear();
        events.clear();
        answer = request -> InboundDecision.passAnonymous();
    }

    /** Sets how inbound requests are answered (the function may throw). */
    public void answerInbound(Function<Inbound, InboundDecision> answer) {
        this.answer = answer;
    }

    /** Passes requests with a token as caller {@code orders}, stops the others with 401. */
    public void requireToken() {
        answerInbound(request -> request.tokens().isEmpty()
                ? InboundDecision.stop(401, PROBLEM, "WWW-Authenticate", "Bearer realm=\"rolegate\"")
                : InboundDecision.pass("orders"));
    }

    public List<Inbound> inboundCalls() {
        return List.copyOf(inbound);
    }

    /** Ordered log shared by decisions ("decision") and the test's handlers. */
    public List<String> events() {
        return events;
    }

    @Override
    public InboundDecision decideInbound(String method, String target, String[] tokenValues, String[] overrideMethods) {
        Inbound call = new Inbound(method, target, List.of(tokenValues), List.of(overrideMethods));
        inbound.add(call);
        events.add("decision " + method + " " + target);
        return answer.apply(call);
    }

    /**
     * The JDK HttpClient (used by the h2c tests) is instrumented too: it carries {@code token-<path>}
     * to paths under {@code /items} and no token elsewhere, so that one connection mixes both.
     */
    @Override
    public OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
        return path.startsWith("/items") ? OutboundAction.attach(TOKEN_HEADER, "token-" + path) : null;
    }

    @Override
    public String tokenHeader() {
        return TOKEN_HEADER;
    }
}
