package dev.rolegate.agent.instrumentation.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the entry of {@code Connectors.executeRootHandler}: replaces the root handler by the
 * one {@link UndertowGate#gate} answers (the same handler when the request passes, a
 * {@link DenyHandler} otherwise). Nothing is suppressed: {@code gate} never throws, and if it did,
 * the exception would leave {@code executeRootHandler} before the root handler runs.
 */
final class RootHandlerAdvice {
    private RootHandlerAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(value = 0, readOnly = false) HttpHandler handler,
                      @Advice.Argument(1) HttpServerExchange exchange) {
        handler = UndertowGate.gate(handler, exchange);
    }
}
