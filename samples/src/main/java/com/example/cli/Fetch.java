package com.example.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny curl for machines without one: {@code Fetch [METHOD] URL [BODY]}.
 *
 * <p>Prints like {@code curl -i}: a line {@code HTTP <status>}, the response headers in lower
 * case, an empty line, then the body. Exits 0 when any response arrived, 1 when none did,
 * 2 on bad arguments.
 */
public final class Fetch {
    private Fetch() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: Fetch [METHOD] URL [BODY]");
            System.exit(2);
        }
        boolean methodGiven = args.length > 1 || !args[0].contains("://");
        String method = methodGiven ? args[0].toUpperCase(Locale.ROOT) : "GET";
        String url = methodGiven ? args[1] : args[0];
        String body = args.length == 3 ? args[2] : null;

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            StringBuilder out = new StringBuilder("HTTP ").append(response.statusCode()).append('\n');
            Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
            headers.forEach((name, values) -> values.forEach(value ->
                    out.append(name.toLowerCase(Locale.ROOT)).append(": ").append(value).append('\n')));
            out.append('\n').append(response.body());
            System.out.println(out);
        } catch (IOException e) {
            System.err.println("Fetch: " + method + " " + url + " failed: " + e);
            System.exit(1);
        }
    }
}
