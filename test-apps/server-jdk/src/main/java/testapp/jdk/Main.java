package testapp.jdk;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import testapp.common.Json;

/**
 * The server test application on {@code com.sun.net.httpserver} (docs/STACK-TESTS.md, "Server test
 * app protocol"). It knows nothing of Rolegate: one user {@link Filter} prints {@code FILTER}, one
 * catch-all handler prints {@code HANDLED} before answering with what it saw.
 *
 * <p>Usage: {@code PORT=<port> java testapp.jdk.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        var context = server.createContext("/", Main::handle);
        context.getFilters().add(new PrintingFilter());
        server.start();
        System.out.println("READY " + port);
        System.out.flush();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        // The raw path: what the application would route on, percent-encoding included.
        String path = exchange.getRequestURI().getRawPath();
        System.out.println("HANDLED " + method + " " + path);
        System.out.flush();
        exchange.getRequestBody().readAllBytes();
        List<String> callers = exchange.getRequestHeaders().get("Rolegate-Caller");
        boolean tokenPresent = exchange.getRequestHeaders().containsKey("Rolegate-Token");
        String body = "{\"stack\":\"jdk\",\"method\":" + Json.string(method)
                + ",\"path\":" + Json.string(path)
                + ",\"caller\":" + (callers == null ? "null" : Json.string(String.join(",", callers)))
                + ",\"callerHeaderCount\":" + (callers == null ? 0 : callers.size())
                + ",\"tokenHeaderPresent\":" + tokenPresent + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if ("HEAD".equals(method)) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** The application's own filter: proves whether any application code ran for a request. */
    private static final class PrintingFilter extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            System.out.println("FILTER " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            System.out.flush();
            chain.doFilter(exchange);
        }

        @Override
        public String description() {
            return "prints FILTER lines";
        }
    }
}
