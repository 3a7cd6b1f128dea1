package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.Jars;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Helpers for the control-plane integration tests: the real server jar, the inventory sample with
 * the real agent jar, real tokens, admin calls.
 */
final class ControlPlane {
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Ship every record and beat every second, so tests need not wait long. */
    static final Map<String, String> FAST_REPORTING = Map.of(
            "ROLEGATE_AUDIT_SHIP_ALLOWS", "all", "ROLEGATE_HEARTBEAT_INTERVAL", "1");

    private ControlPlane() {
    }

    /** inventory (public GET /health), orders may GET /items and /items/*, visitor has no role. */
    static TestPolicy policy(int inventoryPort, boolean ordersBound) {
        TestPolicy p = TestPolicy.empty()
                .service("inventory", inventoryPort, "GET /health")
                .identity("orders", "client")
                .identity("visitor", "client")
                .role("inventory-reader", "inventory", List.of("GET"), List.of("/items", "/items/*"));
        return ordersBound ? p.bind("inventory-reader", "orders") : p.bind("inventory-reader", "visitor");
    }

    /** The inventory sample with the agent, healthy (it has a policy) when this returns. */
    static JavaProcess inventory(int port, AgentSettings agent, Map<String, String> extraEnv) {
        JavaProcess p = JavaProcess.builder("inventory")
                .mainClass(Jars.samples(), "com.example.inventory.InventoryService")
                .env("PORT", Integer.toString(port))
                .agent(Jars.agent())
                .env(agent.env())
                .env(extraEnv)
                .start();
        try {
            p.awaitStdout(Pattern.compile("listening on http://127\\.0\\.0\\.1:" + port), STARTUP);
            await("inventory /health 200").atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast("inventory exited", () -> {
                        if (!p.isAlive()) {
                            throw new AssertionError(p.describe());
                        }
                    })
                    .until(() -> PlainHttp.get("http://127.0.0.1:" + port + "/health").statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** A token for {@code identity} to call {@code audience}, from the real token endpoint. */
    static String token(PolicyServerProcess server, String identity, String audience) {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(identity, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(server.secretOf(identity), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=" + audience)));
        if (r.statusCode() != 200) {
            throw new AssertionError("token request as " + identity + " answered " + r.statusCode() + ": " + r.body());
        }
        return json(r.body()).path("access_token").asText();
    }

    /** An admin call. */
    static HttpResponse<String> admin(PolicyServerProcess server, String method, String pathAndQuery, String contentType,
                                      String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                .header("Authorization", "Bearer " + server.adminSecret());
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b);
    }

    /** {@code GET url} with a token in the Rolegate-Token header; the status. */
    static int getWithToken(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Rolegate-Token", token).GET()).statusCode();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return PlainHttp.send(b.timeout(Duration.ofSeconds(30)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
