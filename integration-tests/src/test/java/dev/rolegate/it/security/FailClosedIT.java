package dev.rolegate.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed, with the real agent in a child JVM: an exception inside the enforcement path (the
 * test-only hook {@code -Drolegate.test.inject-fault=inbound}), a tampered or corrupted policy cache,
 * an unwritable cache directory. (No policy and no cache: {@code AgentWithoutPolicyServerIT}.)
 */
class FailClosedIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private PolicyServerProcess server;
    private Inventory inventory;
    private int port;
    private String tokenFromTheRealRun;

    private void startServer() {
        port = FreePorts.next();
        String policy = TestPolicy.empty()
                .service("inventory", port, "GET /health")
                .identity("orders", "job")
                .role("getter", "inventory", List.of("GET"), List.of("/items/{id}"))
                .bind("getter", "orders")
                .yaml();
        server = PolicyServerProcess.start(dir.resolve("server"), policy, "inventory", "orders");
    }

    private String ordersToken() {
        return Tokens.fetch(server.url(), "orders", server.secretOf("orders"), "inventory");
    }

    private static HttpResponse<String> call(String url, String method, String token) throws Exception {
        return PlainHttp.send(HttpRequest.newBuilder(URI.create(url)).header("Rolegate-Token", token)
                .method(method, HttpRequest.BodyPublishers.ofString("{\"add\":1}")));
    }

    @AfterEach
    void stop() {
        if (inventory != null) {
            inventory.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anExceptionInsideTheEnforcementPathRefusesEveryRequestAndNoHandlerRuns() throws Exception {
        startServer();
        inventory = Inventory.start(port, server.agentFor("inventory"),
                Map.of("JAVA_TOOL_OPTIONS", "-Drolegate.test.inject-fault=inbound"));
        inventory.process().awaitOutput(Pattern.compile("policy rev \\d+ loaded"), WAIT);
        String token = ordersToken();

        HttpResponse<String> allowedOtherwise = call(inventory.url() + "/items/1", "GET", token);
        HttpResponse<String> publicOtherwise = PlainHttp.get(inventory.url() + "/health");
        inventory.close(); // and read everything it printed

        assertThat(allowedOtherwise.statusCode()).as(allowedOtherwise.body()).satisfiesAnyOf(
                s -> assertThat(s).isBetween(500, 599), s -> assertThat(s).isEqualTo(403));
        assertThat(publicOtherwise.statusCode()).satisfiesAnyOf(
                s -> assertThat(s).isBetween(500, 599), s -> assertThat(s).isEqualTo(403));
        assertThat(inventory.process().stdout().contains("test-only fault injection is on")
                || inventory.process().stderr().contains("test-only fault injection is on")).isTrue();
        assertThat(inventory.process().stdout().contains("inventory handled")).as("a handler ran").isFalse();
    }

    /** Runs inventory once against the server so that it writes its cache; returns the cache dir. */
    private Path cacheWrittenByARealRun() throws Exception {
        startServer();
        Path cache = dir.resolve("cache");
        inventory = Inventory.start(port, AgentSettings.as("inventory", server.url())
                .secret(server.secretOf("inventory")).cacheDir(cache), Map.of());
        inventory.awaitHealthy();
        Awaitility.await("the policy cache to be written").atMost(WAIT)
                .until(() -> Files.isRegularFile(cache.resolve("policy.jws")) && Files.isRegularFile(cache.resolve("jwks.json")));
        tokenFromTheRealRun = ordersToken();
        inventory.close();
        server.close();
        return cache;
    }

    private Inventory restartWithoutServer(Path cache) {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        return Inventory.start(port, AgentSettings.as("inventory", nobody).secret("unused").cacheDir(cache), Map.of());
    }

    @Test
    void aTamperedCachedPolicyIsRejectedLoggedAndNotTrusted() throws Exception {
        Path cache = cacheWrittenByARealRun();
        String token = tokenFromTheRealRun;
        Path bundle = cache.resolve("policy.jws");
        String[] parts = Files.readString(bundle).trim().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String widened = payload.replace("\"GET\"", "\"GET\",\"POST\"");
        assertThat(widened).isNotEqualTo(payload);
        Files.writeString(bundle, parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);

        inventory = restartWithoutServer(cache);
        inventory.process().awaitOutput(Pattern.compile("rejected the cached policy"), WAIT);

        assertThat(call(inventory.url() + "/items/1", "POST", token).statusCode()).isEqualTo(503);
        assertThat(call(inventory.url() + "/items/1", "GET", token).statusCode()).isEqualTo(503);
        inventory.close();
        assertThat(inventory.process().stdout().contains("inventory handled")).isFalse();
    }

    @Test
    void aCorruptedCacheFileIsRejectedLoggedAndNotTrusted() throws Exception {
        Path cache = cacheWrittenByARealRun();
        Files.writeString(cache.resolve("jwks.json"), "{\"keys\":[{\"kty\":");

        inventory = restartWithoutServer(cache);
        inventory.process().awaitOutput(Pattern.compile("rejected the cached policy|cannot read the policy cache"), WAIT);

        assertThat(PlainHttp.get(inventory.url() + "/health").statusCode()).isEqualTo(503);
    }

    @Test
    void anUnwritableCacheDirGivesAClearErrorAndEnforcementGoesOnFromMemory() throws Exception {
        startServer();
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        Path cache = notADirectory.resolve("cache"); // cannot be created, not even by root
        inventory = Inventory.start(port, AgentSettings.as("inventory", server.url())
                .secret(server.secretOf("inventory")).cacheDir(cache), Map.of());
        inventory.awaitHealthy();
        String token = ordersToken();

        inventory.process().awaitOutput(Pattern.compile("ERROR cannot write the policy cache in .*a-file"), WAIT);
        assertThat(call(inventory.url() + "/items/1", "GET", token).statusCode()).isEqualTo(200);
        assertThat(call(inventory.url() + "/items/1", "POST", token).statusCode()).isEqualTo(403);
    }
}
