package dev.rolegate.agent.runtime.audit;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real JDK HTTP server standing in for the policy server: records bodies and answers a set status. */
public final class RecordingServer implements AutoCloseable {
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** The Rolegate-Client-Assertion header of each recorded request ("" when absent). */
    public final List<String> assertions = new CopyOnWriteArrayList<>();
    /** Status of the next answers; set to 200 to accept. */
    public final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;

    public RecordingServer(String path) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int s = status.get();
            if (s == 200) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                String assertion = exchange.getRequestHeaders().getFirst("Rolegate-Client-Assertion");
                assertions.add(assertion == null ? "" : assertion);
            }
            byte[] answer = "{\"accepted\":0,\"rejected\":0,\"revision\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(s, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
