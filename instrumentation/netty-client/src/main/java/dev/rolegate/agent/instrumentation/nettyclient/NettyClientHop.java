package dev.rolegate.agent.instrumentation.nettyclient;

import dev.rolegate.bootstrap.OutboundAction;
import dev.rolegate.bootstrap.RolegateBridge;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;

/**
 * Decides one request head written by a Netty HTTP client and puts the right token header in place.
 *
 * <p>Injected into the application's class loader next to Netty (the advice calls it), so it may
 * use only Netty, the JDK and the bootstrap bridge. It names no optional Netty module:
 * {@code SslHandler} is recognised by class name, so a client without {@code netty-handler} still
 * links.
 *
 * <p>Outbound fails open: an unexpected error leaves the call without a token (a missing token can
 * only lead to a denial on the receiving side), and the only exception that leaves
 * {@link #prepare} is the refusal asked for by the egress check. A refusal fails the write (nothing
 * reaches the wire) and is also fired into the pipeline as {@code exceptionCaught}, which is how
 * Reactor Netty fails the pending response.
 */
public final class NettyClientHop {
    static final String SSL_HANDLER = "io.netty.handler.ssl.SslHandler";

    private NettyClientHop() {
    }

    /**
     * Removes any token header from {@code request}, then attaches the token of the service listed
     * at the channel's real destination, if any.
     *
     * @throws IOException naming the missing permission when the egress check refuses the call
     */
    public static void prepare(ChannelHandlerContext ctx, HttpRequest request) throws IOException {
        OutboundAction action;
        try {
            action = decide(ctx.channel().remoteAddress(), isTls(ctx.pipeline()),
                    request.method().name(), request.uri());
        } catch (RuntimeException | LinkageError e) {
            action = null;
        }
        if (action != null && action.refusal() != null) {
            IOException refused = new IOException(action.refusal());
            // The failed write alone is not seen by every client (Reactor Netty would wait for a
            // response that never comes): tell the handlers above the codec as well.
            ctx.fireExceptionCaught(refused);
            throw refused;
        }
        try {
            apply(request.headers(), RolegateBridge.tokenHeader(), action);
        } catch (RuntimeException e) {
            // Read-only headers: nothing can be removed or added; the request goes out as the app made it.
            System.err.println("rolegate: cannot edit a Netty client request's headers: " + e);
        }
    }

    /** Asks the bridge about one hop; null when the destination is not an IP socket or unlisted. */
    static OutboundAction decide(SocketAddress remote, boolean tls, String method, String uri) {
        if (!(remote instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress address = (InetSocketAddress) remote;
        // getHostString: the name the client connected to (never a reverse lookup), else the literal IP.
        return RolegateBridge.decideOutbound(tls ? "https" : "http", address.getHostString(), address.getPort(),
                method, pathOf(uri));
    }

    /** Removes every token header value, then adds the action's header when it attaches one. */
    static void apply(HttpHeaders headers, String tokenHeader, OutboundAction action) {
        headers.remove(tokenHeader);
        if (action != null && action.headerName() != null && action.headerValue() != null) {
            headers.set(action.headerName(), action.headerValue());
        }
    }

    /** Whether an {@code SslHandler} (or a subclass) sits anywhere in the pipeline. */
    static boolean isTls(ChannelPipeline pipeline) {
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            for (Class<?> c = entry.getValue().getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                if (SSL_HANDLER.equals(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The path of a request target: origin-form ({@code /a/b?q}) or absolute-form
     * ({@code http://host/a/b?q}, sent to proxies), without query or fragment; {@code /} when empty.
     */
    static String pathOf(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "/";
        }
        String s = uri;
        int scheme = s.indexOf("://");
        if (!s.startsWith("/") && scheme > 0) {
            int slash = s.indexOf('/', scheme + 3);
            int query = s.indexOf('?', scheme + 3);
            if (slash < 0 || (query >= 0 && query < slash)) {
                return "/";
            }
            s = s.substring(slash);
        }
        int end = s.length();
        int q = s.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int f = s.indexOf('#');
        if (f >= 0 && f < end) {
            end = f;
        }
        s = s.substring(0, end);
        return s.isEmpty() ? "/" : s;
    }
}
