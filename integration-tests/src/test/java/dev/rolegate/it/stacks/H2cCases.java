package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.AuditRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/2 over cleartext against a stack app that speaks it: the JDK HttpClient (in the test JVM,
 * without agent) upgrades its first request (h2c) and sends the next ones as streams of the same
 * connection. Tokens and decisions are per stream.
 */
final class H2cCases {
    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    H2cCases(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The upgrade request itself, allowed, reaches the handler once with the verified caller. */
    void upgradedRequestIsDecidedOnItsStream(String readerToken) throws Exception {
        HttpResponse<String> response = client.send(request("/items/h2c-upgrade", readerToken),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.body());
        assertThat(seen.path("caller").asText()).isEqualTo("reader");
        assertThat(seen.path("callerHeaderCount").asInt()).isEqualTo(1);
        assertThat(seen.path("tokenHeaderPresent").asBoolean()).isFalse();
    }

    /** Streams of one connection, some with a token and some without, each get their own answer. */
    List<HttpResponse<String>> concurrentStreams(String readerToken) {
        List<CompletableFuture<HttpResponse<String>>> futures = List.of(
                client.sendAsync(request("/items/h2c-1", readerToken), HttpResponse.BodyHandlers.ofString()),
                client.sendAsync(request("/items/h2c-2", null), HttpResponse.BodyHandlers.ofString()),
                client.sendAsync(request("/items/h2c-3", readerToken), HttpResponse.BodyHandlers.ofString()),
                client.sendAsync(request("/items/h2c-4", null), HttpResponse.BodyHandlers.ofString()));
        return futures.stream().map(CompletableFuture::join).toList();
    }

    void streamsAreDecidedEachOnTheirOwn(String readerToken, ApplicationCodeWitness witness) throws Exception {
        client.send(request("/health", null), HttpResponse.BodyHandlers.ofString());
        List<HttpResponse<String>>[] responses = new List[1];
        List<String> lines = witness.linesPrintedDuring(() -> responses[0] = concurrentStreams(readerToken));

        assertThat(responses[0]).allSatisfy(r -> assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2));
        assertThat(responses[0]).extracting(HttpResponse::statusCode).containsExactly(200, 401, 200, 401);
        assertThat(responses[0].get(1).headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(lines).anyMatch(line -> line.startsWith("HANDLED GET /items/h2c-1"))
                .anyMatch(line -> line.startsWith("HANDLED GET /items/h2c-3"))
                .noneMatch(line -> line.contains("/items/h2c-2") || line.contains("/items/h2c-4"));
    }

    private HttpRequest request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            builder.header(ServerStackSuite.TOKEN_HEADER, token);
        }
        return builder.build();
    }
}
