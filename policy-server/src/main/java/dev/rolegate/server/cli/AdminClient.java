package dev.rolegate.server.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The options and HTTP calls of CLI commands that talk to a running server's admin API
 * ({@code keys rotate}, {@code audit}): {@code --server} and the admin secret, read from
 * {@code --admin-secret-file}, {@code ROLEGATE_ADMIN_SECRET_FILE} or {@code ROLEGATE_ADMIN_SECRET}.
 */
final class AdminClient {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:ROLEGATE_SERVER:-http://localhost:7070}",
            description = "policy server base URL (default: $ROLEGATE_SERVER or http://localhost:7070)")
    String server;
    @Option(names = "--admin-secret-file", paramLabel = "FILE",
            description = "file holding the admin secret (default: $ROLEGATE_ADMIN_SECRET_FILE, else $ROLEGATE_ADMIN_SECRET)")
    Path secretFile;

    private String secret() throws IOException {
        String file = secretFile != null ? secretFile.toString() : System.getenv("ROLEGATE_ADMIN_SECRET_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IOException("cannot read the admin secret file " + file + " ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        String env = System.getenv("ROLEGATE_ADMIN_SECRET");
        if (env == null || env.isBlank()) {
            throw new IOException("no admin secret: set ROLEGATE_ADMIN_SECRET_FILE or ROLEGATE_ADMIN_SECRET, or pass --admin-secret-file");
        }
        return env.strip();
    }

    /** Sends an admin request; the answer whatever its status. */
    HttpResponse<String> send(String method, String pathAndQuery, String jsonBody)
            throws IOException, InterruptedException {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + secret())
                .header("Accept", "application/json");
        if (jsonBody != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A refused connection has no message of its own: name the server and what went wrong.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new IOException("cannot reach the policy server at " + base + " (" + detail
                    + "); set --server or ROLEGATE_SERVER", e);
        }
    }
}
