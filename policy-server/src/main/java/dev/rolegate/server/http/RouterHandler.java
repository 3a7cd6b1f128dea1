package dev.rolegate.server.http;

import dev.rolegate.server.Log;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Per connection: turns aggregated requests into {@link Exchange}s and runs them one at a time.
 *
 * <p>Answers may come from other threads and later (PBKDF2 on the blocking executor, long polls),
 * so a pipelined request waits in a queue until the one before it is answered: HTTP/1.1 requires
 * responses in request order. Idle connections are closed, but never one with a request in
 * flight, so a long poll outlives the idle timeout.
 */
final class RouterHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Router router;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Exchange inFlight;
    private boolean dispatching;

    private record Pending(Exchange exchange, Handler handler) {
    }

    RouterHandler(Router router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean failed = request.decoderResult().isFailure();
        boolean keepAlive = !failed && HttpUtil.isKeepAlive(request);
        String path = "/";
        Map<String, List<String>> query = Map.of();
        Handler handler = router::dispatch;
        if (failed) {
            handler = decoderFailure(request.decoderResult().cause());
        } else {
            try {
                QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
                path = decoder.path();
                query = decoder.parameters();
            } catch (IllegalArgumentException e) {
                handler = ex -> ex.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                        "malformed request target (bad percent-encoding)");
            }
        }
        HttpHeaders headers = new DefaultHttpHeaders().set(request.headers());
        byte[] body = ByteBufUtil.getBytes(request.content());
        Exchange exchange = new Exchange(ctx, request.method(), path, query, headers, body, keepAlive,
                () -> answered(ctx));
        queue.add(new Pending(exchange, handler));
        dispatchNext();
    }

    /** The answer to a request Netty could not decode; the connection is closed after it. */
    private static Handler decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return ex -> ex.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request_header_fields_too_large",
                    "the request headers are too large");
        }
        if (cause instanceof TooLongHttpLineException) {
            return ex -> ex.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request_uri_too_long",
                    "the request line is too long");
        }
        String text = String.valueOf(cause);
        String detail = text.length() > 200 ? text.substring(0, 200) : text;
        return ex -> ex.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "malformed HTTP request: " + detail);
    }

    private void answered(ChannelHandlerContext ctx) {
        if (ctx.executor().inEventLoop()) {
            inFlight = null;
            dispatchNext();
        } else {
            ctx.executor().execute(() -> answered(ctx));
        }
    }

    private void dispatchNext() {
        if (dispatching) {
            return; // the loop below picks the next one up
        }
        dispatching = true;
        try {
            while (inFlight == null && !queue.isEmpty()) {
                Pending next = queue.poll();
                inFlight = next.exchange();
                try {
                    next.handler().handle(next.exchange());
                } catch (Exception | LinkageError e) {
                    next.exchange().fail(e);
                }
            }
        } finally {
            dispatching = false;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && inFlight == null && queue.isEmpty()) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inFlight != null) {
            inFlight.abandon();
        }
        queue.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            // A reset connection is routine; anything else is worth a line.
            Log.warn("connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        }
        ctx.close();
    }
}
