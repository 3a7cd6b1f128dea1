package dev.rolegate.agent.instrumentation.apachehttpclient.v4;

import dev.rolegate.agent.instrumentation.apachehttpclient.HopDecision;
import dev.rolegate.bootstrap.OutboundAction;
import dev.rolegate.bootstrap.RolegateBridge;
import java.net.ConnectException;
import java.net.URI;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.conn.routing.HttpRoute;

/**
 * One hop of Apache HttpClient 4.5: puts this hop's token, or none, on the request
 * {@code MainClientExec} is about to connect and send. The request is the client's per-hop
 * {@code HttpRequestWrapper} (with its own copy of the headers), so the application's request
 * object never carries the token.
 *
 * <p>Injected into the application's class loader with {@link HopDecision}.
 */
public final class Hc4Hop {
    private Hc4Hop() {
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
                    request.getRequestLine().getMethod(), requestTarget(request));
        } catch (RuntimeException | LinkageError e) {
            // Outbound fails open: no token, and never one the application set.
            action = null;
        }
        try {
            request.removeHeaders(RolegateBridge.tokenHeader());
            if (action != null) {
                request.removeHeaders(action.headerName());
                request.addHeader(action.headerName(), action.headerValue());
            }
        } catch (RuntimeException | LinkageError e) {
            // Leave the request as it is rather than break the application's call.
            return;
        }
    }

    private static String requestTarget(HttpRequest request) {
        if (request instanceof HttpUriRequest) {
            URI uri = ((HttpUriRequest) request).getURI();
            if (uri != null && uri.getRawPath() != null) {
                return uri.getRawPath();
            }
        }
        return request.getRequestLine().getUri();
    }
}
