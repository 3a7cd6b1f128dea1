package dev.rolegate.agent.instrumentation.okhttp;

import dev.rolegate.bootstrap.OutboundAction;
import dev.rolegate.bootstrap.RolegateBridge;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The per-hop token logic for OkHttp 4 and 5, called by {@link ChainProceedAdvice}. Injected into
 * the application's class loader next to OkHttp, so it may name only OkHttp, the JDK and the
 * bootstrap bridge; every OkHttp member it uses exists, with the same descriptor, in 4.x and 5.x.
 *
 * <p>Each hop is handled at two points of OkHttp's interceptor chain. Just before
 * {@code ConnectInterceptor} (after redirects, the bridge and the cache, before any socket is
 * opened) the hop is decided once: a refusal fails the call there, so nothing is connected or
 * sent; otherwise the decision rides along as a request tag. Just before
 * {@code CallServerInterceptor} (after the application's network interceptors, so that none of
 * them, loggers included, ever sees the token) the token header is put in place of whatever was
 * there, and the response that travels back up carries the request without it.
 *
 * <p>Outbound fails open: anything unexpected here (an OkHttp version whose members moved) sends
 * the hop without a token, never with a stale one.
 */
public final class OkHttpHop {
    static final String CONNECT_INTERCEPTOR = "okhttp3.internal.connection.ConnectInterceptor";
    static final String CALL_SERVER_INTERCEPTOR = "okhttp3.internal.http.CallServerInterceptor";

    private OkHttpHop() {
    }

    /** Whether {@code interceptor} opens the connection of a hop. */
    public static boolean connectsNext(Object interceptor) {
        return interceptor != null && CONNECT_INTERCEPTOR.equals(interceptor.getClass().getName());
    }

    /** Whether {@code interceptor} writes the hop to the wire. */
    public static boolean writesNext(Object interceptor) {
        return interceptor != null && CALL_SERVER_INTERCEPTOR.equals(interceptor.getClass().getName());
    }

    /**
     * Decides the hop {@code request} is about to make and returns it tagged with the decision
     * (untagged when nothing is to be attached).
     *
     * @throws IOException carrying the runtime's refusal; the hop is then never connected
     */
    public static Request decide(Request request) throws IOException {
        OutboundAction action;
        try {
            HttpUrl url = request.url();
            action = RolegateBridge.decideOutbound(url.scheme(), url.host(), url.port(), request.method(),
                    url.encodedPath());
        } catch (RuntimeException | LinkageError e) {
            action = null;
        }
        if (action != null && action.refusal() != null) {
            throw new IOException(action.refusal());
        }
        try {
            if (action == null && request.tag(OutboundAction.class) == null) {
                return request;
            }
            return request.newBuilder().tag(OutboundAction.class, attaches(action) ? action : null).build();
        } catch (RuntimeException | LinkageError e) {
            return request;
        }
    }

    /** The request as it goes on the wire: no token header but the one this hop was decided to carry. */
    public static Request forWire(Request request) {
        try {
            OutboundAction action = request.tag(OutboundAction.class);
            String tokenHeader = RolegateBridge.tokenHeader();
            if (action == null && request.header(tokenHeader) == null) {
                return request;
            }
            Request.Builder wire = request.newBuilder()
                    .removeHeader(tokenHeader)
                    .tag(OutboundAction.class, null);
            if (attaches(action)) {
                wire.header(action.headerName(), action.headerValue());
            }
            return wire.build();
        } catch (RuntimeException | LinkageError e) {
            return withoutTokenOrUnchanged(request);
        }
    }

    /** What the application may read back as the hop's request: {@code request} without the decision tag. */
    public static Request visible(Request request) {
        try {
            return request.tag(OutboundAction.class) == null ? request
                    : request.newBuilder().tag(OutboundAction.class, null).build();
        } catch (RuntimeException | LinkageError e) {
            return request;
        }
    }

    /** {@code response} pointing at {@code visible} instead of the request that carried the token. */
    public static Response showing(Response response, Request visible) {
        try {
            return response.request() == visible ? response : response.newBuilder().request(visible).build();
        } catch (RuntimeException | LinkageError e) {
            return response;
        }
    }

    private static boolean attaches(OutboundAction action) {
        return action != null && action.headerName() != null && action.headerValue() != null;
    }

    private static Request withoutTokenOrUnchanged(Request request) {
        try {
            return request.newBuilder().removeHeader(RolegateBridge.tokenHeader()).build();
        } catch (RuntimeException | LinkageError e) {
            return request;
        }
    }
}
