package dev.rolegate.bootstrap;

/**
 * The only entry point that inlined advice calls. Lives on the bootstrap class path so that advice
 * inlined into any class, JDK ones included, can reach it; depends on the JDK only.
 *
 * <p>Fails closed: while the agent is expected to enforce but its runtime is not installed yet, and
 * whenever the runtime throws, inbound requests are stopped rather than let through. Outbound calls
 * fail open (they go out without a token) since a missing token can only lead to a denial on the
 * receiving side.
 */
public final class RolegateBridge {
    /** Method-override headers; a request carrying one must be allowed for both methods. */
    public static final String[] METHOD_OVERRIDE_HEADERS = {
        "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"
    };
    private static final String[] NONE = new String[0];

    /**
     * Request header by which an outer hook tells an inner hook of the same JVM that this request was
     * already decided (Undertow's native handler before its servlet layer, say), so that each
     * request is decided exactly once. Its value is {@link #decidedMark()}, a random secret of this
     * JVM. Every outer hook removes any client-sent value before it decides, and every inner hook
     * hides the header from the application, so a client can neither forge nor read it.
     */
    public static final String DECIDED_HEADER = "Rolegate-Decided";
    private static final String DECIDED_MARK = newMark();

    private static volatile AgentHooks hooks;
    private static volatile boolean enforcementExpected;
    private static volatile String tokenHeader = "Rolegate-Token";

    private RolegateBridge() {
    }

    /**
     * Called by premain before any instrumentation is installed: from now on, and until
     * {@link #install} is called, inbound requests are answered 503.
     */
    public static void expectEnforcement(String tokenHeaderName) {
        if (tokenHeaderName != null && !tokenHeaderName.isEmpty()) {
            tokenHeader = tokenHeaderName;
        }
        enforcementExpected = true;
    }

    /** Called by the runtime once it can decide requests. */
    public static void install(AgentHooks agentHooks) {
        tokenHeader = agentHooks.tokenHeader();
        hooks = agentHooks;
    }

    /** Whether any adapter needs to act at all; false when the agent is absent or off. */
    public static boolean active() {
        return hooks != null || enforcementExpected;
    }

    /** The request header that carries tokens (default {@code Rolegate-Token}). */
    public static String tokenHeader() {
        return tokenHeader;
    }

    /** The value an outer hook sets in {@link #DECIDED_HEADER} after letting a request through. */
    public static String decidedMark() {
        return DECIDED_MARK;
    }

    /** Whether {@code headerValue} is this JVM's decided mark (compared in constant time). */
    public static boolean isDecidedMark(String headerValue) {
        return headerValue != null && java.security.MessageDigest.isEqual(
                DECIDED_MARK.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                headerValue.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String newMark() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder(32);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Decides an inbound request; never throws, never returns null. */
    public static InboundDecision decideInbound(String method, String target, String[] tokenValues,
                                                String[] overrideMethods) {
        AgentHooks h = hooks;
        if (h == null) {
            return enforcementExpected ? Problems.agentStarting() : InboundDecision.passAnonymous();
        }
        try {
            InboundDecision d = h.decideInbound(method, target,
                    tokenValues == null ? NONE : tokenValues,
                    overrideMethods == null ? NONE : overrideMethods);
            return d != null ? d : Problems.internalError();
        } catch (Throwable t) {
            // Fail closed: an error while deciding must never let the request through.
            return Problems.internalError();
        }
    }

    /**
     * Decides an inbound request that the server has already mapped: the raw target is checked for
     * ambiguity, the decision is made on {@code routedPath} (the decoded path the server dispatches;
     * null when unknown). Never throws, never returns null.
     */
    public static InboundDecision decideInbound(String method, String rawTarget, String routedPath,
                                                String[] tokenValues, String[] overrideMethods) {
        AgentHooks h = hooks;
        if (h == null) {
            return enforcementExpected ? Problems.agentStarting() : InboundDecision.passAnonymous();
        }
        try {
            InboundDecision d = h.decideInbound(method, rawTarget, routedPath,
                    tokenValues == null ? NONE : tokenValues,
                    overrideMethods == null ? NONE : overrideMethods);
            return d != null ? d : Problems.internalError();
        } catch (Throwable t) {
            // Fail closed: an error while deciding must never let the request through.
            return Problems.internalError();
        }
    }

    /** Decides an outbound request; null means send it untouched (minus any token header). Never throws. */
    public static OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
        AgentHooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.decideOutbound(scheme, host, port, method, path);
        } catch (Throwable t) {
            return null;
        }
    }
}
