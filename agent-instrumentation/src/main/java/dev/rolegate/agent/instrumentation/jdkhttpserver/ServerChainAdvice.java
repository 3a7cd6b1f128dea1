package dev.rolegate.agent.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.InboundGate;
import java.io.IOException;
import java.util.ListIterator;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the entry of {@code Filter.Chain.doFilter(HttpExchange)}; acts only on the first call
 * of the server-built user chain. Fails closed by construction: nothing is suppressed; a failure
 * while deciding or preparing the headers becomes a 500 answer, and a failure while answering
 * propagates out of {@code doFilter} before the chain runs (the server then drops the connection).
 */
final class ServerChainAdvice {
    private ServerChainAdvice() {
    }

    /** Returns true to skip the chain: the request was answered here. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.FieldValue("iter") ListIterator<Filter> iter,
                         @Advice.FieldValue("handler") HttpHandler handler,
                         @Advice.Argument(0) HttpExchange exchange) throws IOException {
        if (iter.hasPrevious() || handler == null
                || !"sun.net.httpserver.ServerImpl$Exchange$LinkHandler".equals(handler.getClass().getName())) {
            return false;
        }
        InboundDecision decision;
        try {
            // The raw request target as received (URI keeps the original string): the runtime must
            // see %2F, "..", ";" and friends to reject what the server would route differently.
            decision = InboundGate.decide(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders());
            if (decision.proceed()) {
                exchange.setAttribute(InboundGate.SANITIZE_ATTRIBUTE, decision);
                if (!InboundGate.isSanitized(exchange.getRequestHeaders(), decision.caller())) {
                    decision = InboundGate.internalError();
                }
            }
        } catch (Throwable t) {
            decision = InboundGate.internalError();
        }
        if (decision.proceed()) {
            return false;
        }
        Headers response = exchange.getResponseHeaders();
        for (int i = 0; i < decision.headerCount(); i++) {
            response.add(decision.headerName(i), decision.headerValue(i));
        }
        response.set("Content-Type", InboundDecision.PROBLEM_JSON);
        byte[] body = decision.body();
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod()) || body == null || body.length == 0) {
            exchange.sendResponseHeaders(decision.status(), -1);
        } else {
            exchange.sendResponseHeaders(decision.status(), body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
        return true;
    }
}
