package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PlainHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Proves from a server test app's stdout that no application code (no {@code FILTER}, no
 * {@code HANDLED} line) ran for some requests. The requests are bracketed by two marker requests to
 * a public path; each marker's {@code HANDLED} line is awaited, so every line the app printed for
 * the requests in between has been read before the check, and a late line cannot make it pass.
 */
final class ApplicationCodeWitness {
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(30);

    /** Something that sends requests. */
    @FunctionalInterface
    interface Requests {
        void send() throws Exception;
    }

    private final JavaProcess app;
    private final String baseUrl;

    /**
     * @param baseUrl the app's base URL; {@code baseUrl + "/health/<marker>"} must be public
     */
    ApplicationCodeWitness(JavaProcess app, String baseUrl) {
        this.app = app;
        this.baseUrl = baseUrl;
    }

    /** Runs {@code requests} and fails if the application printed a FILTER or HANDLED line for them. */
    void assertNoApplicationCodeRanFor(String what, Requests requests) throws Exception {
        assertThat(linesPrintedDuring(requests))
                .as("application code ran for %s (lines the app printed meanwhile)", what)
                .noneMatch(line -> line.startsWith("HANDLED ") || line.startsWith("FILTER "));
    }

    /** The app's stdout lines printed while {@code requests} ran, between the two markers' lines. */
    List<String> linesPrintedDuring(Requests requests) throws Exception {
        String before = marker();
        requests.send();
        String after = marker();
        List<String> lines = app.stdout().snapshot();
        int from = handledLineIndex(lines, before);
        int to = handledLineIndex(lines, after);
        return lines.subList(from + 1, to).stream().filter(line -> !line.contains(after)).toList();
    }

    private String marker() throws IOException, InterruptedException {
        String marker = "marker-" + UUID.randomUUID();
        HttpResponse<String> response = PlainHttp.get(baseUrl + "/health/" + marker);
        assertThat(response.statusCode()).as("public marker request %s: %s", marker, response.body()).isEqualTo(200);
        await(app.name() + " to print the HANDLED line of " + marker).atMost(MARKER_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> handledLineIndex(app.stdout().snapshot(), marker) >= 0);
        return marker;
    }

    private static int handledLineIndex(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("HANDLED ") && lines.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }
}
