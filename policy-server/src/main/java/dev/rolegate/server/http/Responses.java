package dev.rolegate.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Builders for the server's responses. Every error is JSON in the RFC 6749 section 5.2 shape. */
public final class Responses {
    private Responses() {
    }

    public static FullHttpResponse body(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object tree) {
        return body(status, "application/json", Json.write(tree).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": code, "error_description": description}}, never cached. */
    public static FullHttpResponse error(HttpResponseStatus status, String code, String description) {
        ObjectNode node = Json.object();
        node.put("error", code);
        node.put("error_description", description);
        FullHttpResponse r = json(status, node);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return r;
    }

    /** A bodiless response (304). */
    public static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }
}
