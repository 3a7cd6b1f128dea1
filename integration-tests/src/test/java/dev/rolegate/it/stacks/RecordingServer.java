package dev.rolegate.it.stacks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP/1.1 server in the test JVM (which has no agent) on 127.0.0.1 that records every
 * request it receives, headers included, and answers {@code /redirect?to=<url-encoded URL>} with a
 * 302 to that URL and everything else with 200.
 *
 * <p>It speaks HTTP/1.1 only: an HTTP/2 client that tries the cleartext upgrade ({@code Upgrade:
 * h2c}) gets an HTTP/1.1 answer, so for such a client only the upgrade request is observable here.
 */
public final class RecordingServer implements AutoCloseable {
    /** One request as received; header names in lower case. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers) {
        /** The values of {@code name}, joined by ", ", or null when absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        /** How many times {@code name} occurs among the received header values. */
        public int headerCount(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? 0 : values.size();
        }

        boolean mentions(String marker) {
            return path.contains(marker) || (query != null && query.contains(marker));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on an ephemeral port of 127.0.0.1. */
    public static RecordingServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
            server.setExecutor(Executors.newFixedThreadPool(4));
            RecordingServer recording = new RecordingServer(server);
            server.createContext("/", recording::handle);
            server.start();
            return recording;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a recording server", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new CopyOnWriteArrayList<>()).addAll(values));
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        received.add(new Received(exchange.getRequestMethod(), path, query, Map.copyOf(headers)));
        String location = "/redirect".equals(path) ? redirectTarget(query) : null;
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        } else {
            byte[] body = "{\"recorded\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static String redirectTarget(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("to=")) {
                return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests whose path or query contains {@code marker}. */
    public List<Received> receivedFor(String marker) {
        return received.stream().filter(r -> r.mentions(marker)).toList();
    }

    /** The first request whose path or query contains {@code marker}. */
    public Optional<Received> first(String marker) {
        return receivedFor(marker).stream().findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
