package dev.rolegate.agent.instrumentation.netty;

import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.InboundGate;
import dev.rolegate.bootstrap.RolegateBridge;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gate does with one Netty request, apart from the pipeline plumbing: ask the bridge,
 * prepare the headers of a request that passes, build the answer of one that does not. Injected
 * into the application's class loader (Netty and the bridge only).
 */
public final class NettyExchange {
    private static final String[] NONE = new String[0];
    private static final String BAD_REQUEST = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"the request could not be parsed\"}";

    private NettyExchange() {
    }

    /** Decides {@code request}; never throws (a failure is a 500 decision, never a pass). */
    public static InboundDecision decide(HttpRequest request) {
        try {
            if (request.decoderResult().isFailure()) {
                return InboundDecision.stop(400, BAD_REQUEST);
            }
            HttpHeaders headers = request.headers();
            List<String> overrides = new ArrayList<>();
            for (String name : RolegateBridge.METHOD_OVERRIDE_HEADERS) {
                overrides.addAll(headers.getAll(name));
            }
            // The raw request target (origin- or absolute-form): the runtime must see %2F, ".." and
            // ";" to refuse what the application's router would read differently.
            return RolegateBridge.decideInbound(request.method().name(), request.uri(),
                    headers.getAll(RolegateBridge.tokenHeader()).toArray(NONE), overrides.toArray(NONE));
        } catch (Throwable t) {
            return InboundGate.internalError();
        }
    }

    /**
     * Edits the headers of a request that passes: no token header, no client-sent caller or decided
     * mark, the verified caller when there is one. Returns whether the headers now hold exactly that,
     * so that the gate stops the request when they do not.
     */
    public static boolean admit(HttpRequest request, InboundDecision decision) {
        HttpHeaders headers = request.headers();
        String tokenHeader = RolegateBridge.tokenHeader();
        headers.remove(tokenHeader);
        headers.remove(InboundDecision.CALLER_HEADER);
        headers.remove(RolegateBridge.DECIDED_HEADER);
        String caller = decision.caller();
        if (caller != null) {
            headers.set(InboundDecision.CALLER_HEADER, caller);
        }
        List<String> callers = headers.getAll(InboundDecision.CALLER_HEADER);
        return !headers.contains(tokenHeader) && !headers.contains(RolegateBridge.DECIDED_HEADER)
                && (caller == null ? callers.isEmpty() : callers.size() == 1 && caller.equals(callers.get(0)));
    }

    /**
     * The problem+json answer of a stopped request.
     *
     * @param stream whether it goes out on an HTTP/2 stream (no connection-specific headers there)
     * @param close  whether the connection closes after it
     */
    public static FullHttpResponse answer(ByteBufAllocator alloc, HttpRequest request, InboundDecision decision,
                                          boolean stream, boolean close) {
        byte[] body = HttpMethod.HEAD.equals(request.method()) ? null : decision.body();
        int length = body == null ? 0 : body.length;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(decision.status()), alloc.buffer(length));
        if (length > 0) {
            response.content().writeBytes(body);
        }
        HttpHeaders headers = response.headers();
        for (int i = 0; i < decision.headerCount(); i++) {
            headers.add(decision.headerName(i), decision.headerValue(i));
        }
        headers.set(HttpHeaderNames.CONTENT_TYPE, InboundDecision.PROBLEM_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        if (!stream) {
            if (close) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (!request.protocolVersion().isKeepAliveDefault()) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        return response;
    }
}
