package dev.rolegate.agent.instrumentation.apachehttpclient.v5;

import dev.rolegate.agent.instrumentation.apachehttpclient.HopDecision;
import dev.rolegate.bootstrap.OutboundAction;
import dev.rolegate.bootstrap.RolegateBridge;
import java.net.ConnectException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/**
 * One hop of Apache HttpClient 5.x, classic or async: puts this hop's token, or none, on the
 * request the exec chain is about to connect and send. The request is the client's own per-hop
 * copy (the client copies the application's request, and builds a new one per redirect), so the
 * application's request object never carries the token.
 *
 * <p>Injected into the application's class loader with {@link HopDecision}.
 */
public final class Hc5Hop {
    private Hc5Hop() {
    }

    /**
     * Decides the hop to {@code route}'s target and rewrites the token header of {@code request}.
     *
     * @throws ConnectException carrying the runtime's refusal; nothing has been connected
     */
    public static void prepare(HttpRequest request, HttpRoute route) throws ConnectException {
        OutboundAction action;
        try {
            HttpHost target = route.getTargetHost();
            action = HopDecision.decide(target.getSchemeName(), target.getHostName(), target.getPort(),
                    request.getMethod(), request.getPath());
        } catch (RuntimeException | LinkageError e) {
            // Outbound fails open: no token, and never one the application set.
            action = null;
        }
        try {
            String tokenHeader = RolegateBridge.tokenHeader();
            request.removeHeaders(tokenHeader);
            if (action != null) {
                request.removeHeaders(action.headerName());
                request.addHeader(action.headerName(), action.headerValue());
            }
        } catch (RuntimeException | LinkageError e) {
            // Leave the request as it is rather than break the application's call.
            return;
        }
    }
}
