package dev.rolegate.agent.instrumentation.netty.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The application's last handler: records every message it receives ("handler GET /x" for a
 * request, "content" / "last" for body chunks) and the headers of each request, and answers 200
 * with the path once the request is complete (paths under {@code /slow} 300 ms later), keeping the connection alive when the client asks.
 */
public final class RecordingApp extends ChannelInboundHandlerAdapter {
    private final List<String> events;
    private final List<Map<String, List<String>>> seenHeaders;
    private HttpRequest current;

    public RecordingApp(List<String> events, List<Map<String, List<String>>> seenHeaders) {
        this.events = events;
        this.seenHeaders = seenHeaders;
    }

    /** A shared store for {@link #seenHeaders}. */
    public static List<Map<String, List<String>>> newStore() {
        return new CopyOnWriteArrayList<>();
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest) {
                current = (HttpRequest) msg;
                events.add("handler " + current.method() + " " + current.uri());
                java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String name : current.headers().names()) {
                    headers.put(name, List.copyOf(current.headers().getAll(name)));
                }
                seenHeaders.add(headers);
            }
            if (msg instanceof HttpContent && !(msg instanceof HttpRequest)) {
                events.add(msg instanceof LastHttpContent ? "last" : "content");
            }
            if (msg instanceof LastHttpContent && current != null) {
                byte[] body = ("handled " + current.uri()).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(body));
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                boolean keepAlive = HttpUtil.isKeepAlive(current);
                HttpUtil.setKeepAlive(response, keepAlive);
                boolean slow = current.uri().startsWith("/slow");
                current = null;
                if (slow) {
                    // an application that answers later, off this read: a pipelined request arrives first
                    ctx.executor().schedule(() -> respond(ctx, response, keepAlive), 300, TimeUnit.MILLISECONDS);
                } else {
                    respond(ctx, response, keepAlive);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
