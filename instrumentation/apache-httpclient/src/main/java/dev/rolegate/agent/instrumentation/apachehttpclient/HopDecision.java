package dev.rolegate.agent.instrumentation.apachehttpclient;

import dev.rolegate.bootstrap.OutboundAction;
import dev.rolegate.bootstrap.RolegateBridge;
import java.net.ConnectException;
import java.util.Locale;

/**
 * What Apache HttpClient 4.5 and 5.x share for one hop: decide it from the route's target (where
 * the client really connects, not the request's authority or {@code Host} header, which an
 * application can set to anything) and turn a refusal into the exception that fails the call.
 *
 * <p>Injected into the application's class loader next to the client (it names only the JDK and
 * the bootstrap bridge), together with {@code v4.Hc4Hop} or {@code v5.Hc5Hop}.
 */
public final class HopDecision {
    private HopDecision() {
    }

    /**
     * Decides the hop: null to send it without a token, else the header to attach.
     *
     * @param requestTarget the request's path as the client holds it (origin or absolute form,
     *                      query allowed); only its path is passed on
     * @throws ConnectException carrying the runtime's refusal. A {@code ConnectException} because
     *                          both clients' default retry strategies treat it as final: the
     *                          refusal is decided once and not retried, and nothing is connected
     */
    public static OutboundAction decide(String scheme, String host, int port, String method, String requestTarget)
            throws ConnectException {
        String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        OutboundAction action = RolegateBridge.decideOutbound(s, host, port >= 0 ? port : defaultPort(s),
                method, pathOf(requestTarget));
        if (action != null && action.refusal() != null) {
            throw new ConnectException(action.refusal());
        }
        return attaches(action) ? action : null;
    }

    /** The path of an origin-form or absolute-form request target, without query or fragment. */
    static String pathOf(String requestTarget) {
        if (requestTarget == null || requestTarget.isEmpty()) {
            return "/";
        }
        String path = requestTarget;
        int scheme = path.indexOf("://");
        if (!path.startsWith("/") && scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        int query = path.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        path = path.substring(0, end);
        return path.isEmpty() ? "/" : path;
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static boolean attaches(OutboundAction action) {
        return action != null && action.headerName() != null && action.headerValue() != null;
    }
}
