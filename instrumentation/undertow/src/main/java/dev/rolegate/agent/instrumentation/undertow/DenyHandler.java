package dev.rolegate.agent.instrumentation.undertow;

import dev.rolegate.bootstrap.InboundDecision;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;

/**
 * Root handler that answers a stopped request with its problem+json, in place of the application.
 * Injected next to {@link UndertowGate}.
 */
public final class DenyHandler implements HttpHandler {
    private final InboundDecision decision;

    public DenyHandler(InboundDecision decision) {
        this.decision = decision;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.setStatusCode(decision.status());
        HeaderMap headers = exchange.getResponseHeaders();
        for (int i = 0; i < decision.headerCount(); i++) {
            headers.add(new HttpString(decision.headerName(i)), decision.headerValue(i));
        }
        headers.put(Headers.CONTENT_TYPE, InboundDecision.PROBLEM_JSON);
        byte[] body = decision.body();
        if (body == null || Methods.HEAD.equals(exchange.getRequestMethod())) {
            headers.put(Headers.CONTENT_LENGTH, 0);
            exchange.endExchange();
        } else {
            headers.put(Headers.CONTENT_LENGTH, body.length);
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }
}
