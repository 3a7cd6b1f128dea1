package dev.rolegate.benchmarks.soak;

import dev.rolegate.benchmarks.harness.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real policy server jar in a child JVM for the soak, and what the soak asks of it: tokens as
 * {@code soak-client} would get them, how many decision records it has stored for a service
 * ({@code /metrics}), and how many the service's agent reports dropped ({@code GET /v1/agents}, admin).
 */
final class SoakControlPlane implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Rolegate policy server listening on http://\\S+:(\\d+)");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern AUDIT_DROPPED = Pattern.compile("\"auditDropped\"\\s*:\\s*(\\d+)");

    private final ChildJvm process;
    private final String url;
    private final Map<String, String> secrets;
    private final String adminSecret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SoakControlPlane(ChildJvm process, int port, Map<String, String> secrets, String adminSecret) {
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
        this.secrets = secrets;
        this.adminSecret = adminSecret;
    }

    static SoakControlPlane start(Path serverJar, Path dir, String policyYaml, String... identities) throws IOException {
        Files.createDirectories(dir);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), policyYaml);
        Path credentials = dir.resolve("credentials.yaml");
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String identity : identities) {
            try (ChildJvm cli = ChildJvm.start("credentials-" + identity, List.of(), serverJar.toString(), null,
                    List.of("credentials", "add", identity, "--file", credentials.toString()), Map.of())) {
                if (cli.awaitExit(Duration.ofSeconds(60)) != 0) {
                    throw new IllegalStateException("credentials add " + identity + " failed: " + cli.lines());
                }
                List<String> out = cli.lines();
                secrets.put(identity, out.get(out.size() - 1).strip());
            }
        }
        String admin = "soak-admin-" + UUID.randomUUID();
        ChildJvm server = ChildJvm.start("policy-server", List.of("-Xmx512m"), serverJar.toString(), null, List.of("serve"),
                Map.of("ROLEGATE_PORT", "0", "ROLEGATE_BIND", "127.0.0.1", "ROLEGATE_POLICY", policy.toString(),
                        "ROLEGATE_CREDENTIALS", credentials.toString(), "ROLEGATE_DATA_DIR", dir.resolve("data").toString(),
                        "ROLEGATE_ADMIN_SECRET", admin));
        int port = Integer.parseInt(server.await(LISTENING, Duration.ofSeconds(90)).group(1));
        return new SoakControlPlane(server, port, secrets, admin);
    }

    String url() {
        return url;
    }

    String secretOf(String identity) {
        return secrets.get(identity);
    }

    /** A fresh token for {@code identity} to call {@code audience}, from {@code POST /v1/token}. */
    String token(String identity, String audience) {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(identity, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secrets.get(identity), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/v1/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=" + audience)));
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("token request answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    /** Decision records of {@code service} the server has stored, all decisions ({@code rolegate_audit_records_received_total}). */
    long recordsReceived(String service) {
        String metrics = send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET()).body();
        long sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("rolegate_audit_records_received_total{") && line.contains("service=\"" + service + "\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Decision records the agents of the fleet report dropped (local queue and shipping), from their last heartbeat. */
    long recordsDroppedByAgents() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/v1/agents"))
                .header("Authorization", "Bearer " + adminSecret).GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /v1/agents answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = AUDIT_DROPPED.matcher(r.body());
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** Heartbeats seen: whether any agent is listed at all. */
    boolean anyAgentListed() {
        return AUDIT_DROPPED.matcher(send(HttpRequest.newBuilder(URI.create(url + "/v1/agents"))
                .header("Authorization", "Bearer " + adminSecret).GET()).body()).find();
    }

    long pid() {
        return process.pid();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
