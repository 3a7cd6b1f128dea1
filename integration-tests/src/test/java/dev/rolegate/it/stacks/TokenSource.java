package dev.rolegate.it.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.AuditRecords;
import dev.rolegate.it.PolicyServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Real tokens from the real policy server's {@code POST /v1/token} (CONTRACT section 4), asked for
 * by the test JVM with an identity's Basic credentials: the test plays a caller without an agent.
 */
public final class TokenSource {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private TokenSource() {
    }

    /** A token for {@code identity} to call {@code audience}. */
    public static String token(PolicyServerProcess server, String identity, String audience) {
        String basic = Base64.getEncoder().encodeToString(
                (form(identity) + ":" + form(server.secretOf(identity))).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&audience=" + form(audience)))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("token for " + identity + " -> " + audience + ": "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = AuditRecords.parse(response.body());
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError("token endpoint not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The claims of a compact JWS, decoded without verification (the test only inspects them). */
    public static JsonNode claims(String compactJws) {
        String[] parts = compactJws.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a compact JWS: " + parts.length + " parts");
        }
        return AuditRecords.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
