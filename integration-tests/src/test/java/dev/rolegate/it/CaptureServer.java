package dev.rolegate.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server inside the test JVM (which has no agent) that records every request's headers
 * and answers 200 with a small inventory-like JSON item.
 */
public final class CaptureServer implements AutoCloseable {
    /** One received request; header names in lower case. */
    public record Received(String method, String path, Map<String, List<String>> headers) {
        public boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private CaptureServer(HttpServer server) {
        this.server = server;
    }

    public static CaptureServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CaptureServer capture = new CaptureServer(server);
            server.createContext("/", exchange -> {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
                exchange.getRequestBody().readAllBytes();
                capture.received.add(new Received(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), Map.copyOf(headers)));
                byte[] body = "{\"seenCaller\":\"capture\",\"item\":{\"id\":7,\"name\":\"captured\",\"stock\":1}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the capture server", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
