package dev.rolegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.server.config.ServerConfig;
import dev.rolegate.server.credentials.CredentialsFile;
import dev.rolegate.server.credentials.SecretHasher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real server on 127.0.0.1 and an ephemeral port, with its files in a temporary directory, and a
 * {@link HttpClient} to talk to it. Close it in every test.
 */
public final class TestServer implements AutoCloseable {
    /** Secrets of the test identities; ghost has credentials but is in no policy. */
    public static final Map<String, String> SECRETS = Map.of(
            "orders", "orders-secret-1",
            "nightly-report", "nightly/report secret:2",
            "visitor", "visitor-secret-3",
            "ghost", "ghost-secret-4");
    public static final String ADMIN_SECRET = "admin-secret-for-tests";

    private static Map<String, String> hashes;

    public final Path dir;
    public final Path policyFile;
    public final Path credentialsFile;
    public final Path dataDir;
    private final Optional<String> adminSecret;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RolegateServer server;

    private TestServer(Path dir, Optional<String> adminSecret) {
        this.dir = dir;
        this.policyFile = dir.resolve("policy.yaml");
        this.credentialsFile = dir.resolve("credentials.yaml");
        this.dataDir = dir.resolve("data");
        this.adminSecret = adminSecret;
    }

    /** Serves {@code policy} (none: the file is missing) with credentials for every test identity. */
    public static TestServer start(Path dir, String policy) throws Exception {
        return start(dir, policy, Optional.of(ADMIN_SECRET));
    }

    public static TestServer start(Path dir, String policy, Optional<String> adminSecret) throws Exception {
        return start(dir, policy, adminSecret, Map.of());
    }

    /** As {@link #start(Path, String)}, with more environment variables for the server. */
    public static TestServer start(Path dir, String policy, Optional<String> adminSecret, Map<String, String> env)
            throws Exception {
        TestServer t = new TestServer(dir, adminSecret);
        t.extraEnv.putAll(env);
        if (policy != null) {
            Files.writeString(t.policyFile, policy);
        }
        CredentialsFile.write(t.credentialsFile, credentialHashes());
        t.server = RolegateServer.start(t.config());
        return t;
    }

    /** PBKDF2 is slow on purpose: hash the test secrets once per JVM. */
    public static synchronized Map<String, String> credentialHashes() {
        if (hashes == null) {
            Map<String, String> h = new LinkedHashMap<>();
            SECRETS.forEach((id, secret) -> h.put(id, SecretHasher.hash(secret)));
            hashes = h;
        }
        return hashes;
    }

    public ServerConfig config() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROLEGATE_BIND", "127.0.0.1");
        env.put("ROLEGATE_PORT", "0");
        env.put("ROLEGATE_POLICY", policyFile.toString());
        env.put("ROLEGATE_CREDENTIALS", credentialsFile.toString());
        env.put("ROLEGATE_DATA_DIR", dataDir.toString());
        adminSecret.ifPresent(s -> env.put("ROLEGATE_ADMIN_SECRET", s));
        env.putAll(extraEnv);
        return ServerConfig.from(env, new java.util.Properties());
    }

    /** Stops the server and starts a new one on the same files (on a new port). */
    public void restart() throws Exception {
        server.close();
        server = RolegateServer.start(config());
    }

    public RolegateServer server() {
        return server;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient client() {
        return http;
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(90)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** RFC 6749 section 2.3.1: both parts form-urlencoded, then Basic. */
    public static String basic(String identity, String secret) {
        String pair = URLEncoder.encode(identity, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(String identity) {
        return basic(identity, SECRETS.get(identity));
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** {@code POST /v1/token} with the given Authorization header (may be null) and form body. */
    public HttpResponse<String> token(String authorization, String formBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    /** A client-credentials request for {@code audience} as {@code identity}. */
    public HttpResponse<String> tokenFor(String identity, String audience) throws Exception {
        return token(basic(identity), form(Map.of("grant_type", "client_credentials", "audience", audience)));
    }

    /** An admin call with {@link #ADMIN_SECRET}; {@code jsonBody} may be null. */
    public HttpResponse<String> admin(String method, String pathAndQuery, String jsonBody) throws Exception {
        return adminAs(ADMIN_SECRET, method, pathAndQuery, jsonBody);
    }

    /** An admin call with the given bearer secret. */
    public HttpResponse<String> adminAs(String secret, String method, String pathAndQuery, String jsonBody)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(b.build());
    }

    /** A POST with an identity's Basic credentials and a JSON body (audit, heartbeat). */
    public HttpResponse<String> postAs(String identity, String path, String jsonBody) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(identity))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    public long revision() throws Exception {
        return json(get("/healthz").body()).path("revision").asLong();
    }

    public static JsonNode json(String body) throws IOException {
        return Json.MAPPER.readTree(body);
    }

    /** Replaces the policy file the way editors that save atomically do: a new file renamed over it. */
    public void saveAtomically(String content) throws IOException {
        Path tmp = dir.resolve(".policy.yaml.swp");
        Files.writeString(tmp, content);
        Files.move(tmp, policyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Rewrites the policy file in place (same inode), as editors that truncate and write do. */
    public void editInPlace(String content) throws IOException {
        Files.writeString(policyFile, content);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
