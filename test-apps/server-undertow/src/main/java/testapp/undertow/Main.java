package testapp.undertow;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import testapp.common.Json;

/**
 * The server test application on Undertow's native handlers (undertow-core, no servlet):
 * a first handler printing {@code FILTER}, then a {@link BlockingHandler}
 * around the catch-all handler printing {@code HANDLED} (docs/STACK-TESTS.md). Knows nothing of
 * Rolegate.
 *
 * <p>Usage: {@code PORT=<port> java testapp.undertow.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpHandler application = new BlockingHandler(Main::handle);
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(exchange -> {
                    System.out.println("FILTER " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    System.out.flush();
                    application.handleRequest(exchange);
                })
                .build()
                .start();
        System.out.println("READY " + port);
        System.out.flush();
    }

    private static void handle(HttpServerExchange exchange) throws Exception {
        String method = exchange.getRequestMethod().toString();
        String path = exchange.getRequestURI();
        System.out.println("HANDLED " + method + " " + path);
        System.out.flush();
        exchange.getInputStream().readAllBytes();
        HeaderValues callers = exchange.getRequestHeaders().get("Rolegate-Caller");
        int callerCount = callers == null ? 0 : callers.size();
        String body = "{\"stack\":\"undertow\",\"method\":" + Json.string(method)
                + ",\"path\":" + Json.string(path)
                + ",\"caller\":" + (callerCount == 0 ? "null" : Json.string(String.join(",", callers)))
                + ",\"callerHeaderCount\":" + callerCount
                + ",\"tokenHeaderPresent\":" + exchange.getRequestHeaders().contains("Rolegate-Token") + "}";
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body);
        }
    }
}
