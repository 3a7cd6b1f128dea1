package testapp.reactornetty;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import testapp.common.Json;

/**
 * The server test application on Reactor Netty's {@code HttpServer} (docs/STACK-TESTS.md), over
 * HTTP/1.1 and HTTP/2 cleartext (h2c). The handler function prints {@code FILTER} (the first
 * application code a request reaches) and then {@code HANDLED}. Knows nothing of Rolegate.
 *
 * <p>Usage: {@code PORT=<port> java testapp.reactornetty.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv("PORT"));
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .handle(Main::handle)
                .bindNow();
        System.out.println("READY " + server.port());
        System.out.flush();
        server.onDispose().block();
    }

    private static Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String method = request.method().name();
        String path = rawPath(request.uri());
        System.out.println("FILTER " + method + " " + path);
        System.out.println("HANDLED " + method + " " + path);
        System.out.flush();
        List<String> callers = request.requestHeaders().getAll("Rolegate-Caller");
        String body = "{\"stack\":\"reactor-netty\",\"method\":" + Json.string(method)
                + ",\"path\":" + Json.string(path)
                + ",\"caller\":" + (callers.isEmpty() ? "null" : Json.string(String.join(",", callers)))
                + ",\"callerHeaderCount\":" + callers.size()
                + ",\"tokenHeaderPresent\":" + request.requestHeaders().contains("Rolegate-Token") + "}";
        return request.receive().then(response
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(body))
                .then());
    }

    private static String rawPath(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
