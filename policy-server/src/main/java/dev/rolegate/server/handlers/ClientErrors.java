package dev.rolegate.server.handlers;

import dev.rolegate.server.auth.AuthResult;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/** Answers for failed client authentication and for an overloaded blocking executor. */
final class ClientErrors {
    static final String BASIC_CHALLENGE = "Basic realm=\"rolegate\"";

    private ClientErrors() {
    }

    /** 401 {@code invalid_client} with a Basic challenge, or 400 {@code invalid_request}. */
    static void authenticationFailed(Exchange exchange, AuthResult result) {
        if ("invalid_request".equals(result.error())) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, result.error(), result.description());
            return;
        }
        FullHttpResponse r = Responses.error(HttpResponseStatus.UNAUTHORIZED, result.error(), result.description());
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        exchange.respond(r);
    }

    /** A failed asynchronous step: 503 when the blocking executor is full, else an internal error. */
    static void asyncFailure(Exchange exchange, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RejectedExecutionException) {
            FullHttpResponse r = Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "the server is busy; retry shortly");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            exchange.respond(r);
            return;
        }
        exchange.fail(cause);
    }
}
