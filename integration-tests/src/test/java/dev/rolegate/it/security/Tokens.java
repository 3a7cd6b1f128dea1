package dev.rolegate.it.security;

import dev.rolegate.it.AuditRecords;
import dev.rolegate.it.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real tokens from the real policy server's {@code POST /v1/token}, fetched by the test JVM as a caller. */
final class Tokens {
    private Tokens() {
    }

    static String fetch(String serverUrl, String identity, String secret, String audience) {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(identity, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = PlainHttp.send(HttpRequest.newBuilder(URI.create(serverUrl + "/v1/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=" + audience)));
            if (r.statusCode() != 200) {
                throw new AssertionError("token request as " + identity + " answered " + r.statusCode() + ": " + r.body());
            }
            return AuditRecords.parse(r.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError("token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
