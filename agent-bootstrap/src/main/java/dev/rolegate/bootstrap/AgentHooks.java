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

    /** Decides one outbound request: null to send it untouched (minus any token header). */
    OutboundAction decideOutbound(String scheme, String host, int port, String method, String path);

    /** The request header that carries tokens. */
    String tokenHeader();
}
