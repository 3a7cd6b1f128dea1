package dev.rolegate.agent.instrumentation.netty.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The JDK HttpClient asking for HTTP/2 over cleartext: its first request upgrades the connection
 * (h2c), the following ones are streams of that same connection.
 */
public final class H2Client {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int port;

    public H2Client(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends every path at once (so they share the upgraded connection) and waits for all. */
    public List<HttpResponse<String>> getConcurrently(String... paths) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (String path : paths) {
            futures.add(client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            responses.add(f.join());
        }
        return responses;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
    }
}
