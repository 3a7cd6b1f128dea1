package dev.rolegate.bootstrap;

/**
 * Implemented by the agent runtime (in its own class loader) and installed into
 * {@link RolegateBridge}. Only JDK and bridge types cross this boundary.
 */
public interface AgentHooks {

    /**
     * Decides one inbound request.
     *
     * @param method          the request method as received
     * @param target          the path the server will route, or the raw request target
     *                        (origin- or absolute-form, query allowed)
     * @param tokenValues     every value of the token header (empty when absent)
     * @param overrideMethods every value of the method-override headers (empty when absent)
     */
    InboundDecision decideInbound(String method, String target, String[] tokenValues, String[] overrideMethods);

    /**
     * Decides one inbound request for a server that has already mapped it (a servlet container):
     * a {@code rawTarget} that is ambiguous is rejected as such, and the decision is then made on
     * {@code routedPath}, the decoded path the server will dispatch to.
     *
     * <p>The default decides on {@code rawTarget} alone, as {@link #decideInbound(String, String,
     * String[], String[])} does; the runtime overrides it.
     *
     * @param rawTarget  the request target as received (percent-encoded; query allowed)
     * @param routedPath the decoded path the server routes, or null when unknown
     */
    default InboundDecision decideInbound(String method, String rawTarget, String routedPath, String[] tokenValues,
                                          String[] overrideMethods) {
        return decideInbound(method, rawTarget, tokenValues, overrideMethods);
    }

    /** Decides one outbound request: null to send it untouched (minus any token header). */
    OutboundAction decideOutbound(String scheme, String host, int port, String method, String path);

    /** The request header that carries tokens. */
    String tokenHeader();
}
