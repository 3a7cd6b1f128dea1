package dev.rolegate.server.http;

import dev.rolegate.server.Log;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and the means to answer it, from any thread, exactly once.
 *
 * <p>The request is copied out of Netty's reference-counted buffers when it arrives, so a handler
 * may finish on another thread (or seconds later, for a long poll) without owning a buffer.
 */
public final class Exchange {
    private final ChannelHandlerContext ctx;
    private final HttpMethod method;
    private final String path;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean keepAlive;
    private final Runnable onAnswered;
    private final AtomicBoolean answered = new AtomicBoolean();

    Exchange(ChannelHandlerContext ctx, HttpMethod method, String path, Map<String, List<String>> query,
             HttpHeaders headers, byte[] body, boolean keepAlive, Runnable onAnswered) {
        this.ctx = ctx;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.keepAlive = keepAlive;
        this.onAnswered = onAnswered;
    }

    public HttpMethod method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(CharSequence name) {
        return headers.get(name);
    }

    public byte[] body() {
        return body;
    }

    public ChannelHandlerContext context() {
        return ctx;
    }

    /** Whether the answer has been sent (or the exchange abandoned because the client left). */
    public boolean isAnswered() {
        return answered.get();
    }

    /** Sends the response; later calls are ignored so that a timeout and an event cannot both answer. */
    public boolean respond(FullHttpResponse response) {
        if (!answered.compareAndSet(false, true)) {
            response.release();
            return false;
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        } else {
            future.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
        onAnswered.run();
        return true;
    }

    public boolean error(HttpResponseStatus status, String code, String description) {
        return respond(Responses.error(status, code, description));
    }

    /** Answers an unexpected failure with a JSON 500 after logging it; never used for bad input. */
    public void fail(Throwable t) {
        Log.error("internal error on " + method + " " + path + ": " + t);
        error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "server_error", "internal error; see the server log");
    }

    /** Marks the exchange as answered without sending anything, because the connection is gone. */
    void abandon() {
        answered.set(true);
    }
}
