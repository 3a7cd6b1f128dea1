package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.Jars;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server's audit store: append-only JSON lines in the data dir, rotated past
 * ROLEGATE_AUDIT_FILE_BYTES with at most ROLEGATE_AUDIT_FILES kept, and queried by the real
 * {@code audit} command.
 */
class AuditStoreIT {
    @TempDir
    static Path dir;
    static PolicyServerProcess server;

    @BeforeAll
    static void start() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml(),
                Map.of("ROLEGATE_AUDIT_FILE_BYTES", "4096", "ROLEGATE_AUDIT_FILES", "3"), "inventory");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String record(String decision, String caller, String path) {
        return record(java.time.Instant.now().toString(), decision, caller, path);
    }

    static String record(String ts, String decision, String caller, String path) {
        return "{\"ts\":\"" + ts + "\",\"service\":\"inventory\",\"decision\":\"" + decision
                + "\",\"status\":" + ("allow".equals(decision) ? 200 : 403) + ",\"caller\":\"" + caller
                + "\",\"roles\":[],\"role\":null,\"method\":\"GET\",\"path\":\"" + path
                + "\",\"reason\":\"test\",\"rev\":1,\"mode\":\"enforce\"}";
    }

    /** Ships records as the inventory agent would: POST /v1/audit with its client credentials. */
    static void ship(List<String> records) {
        String basic = Base64.getEncoder().encodeToString(("inventory:" + URLEncoder.encode(server.secretOf("inventory"),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = ControlPlane.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/audit"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", records) + "]")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ControlPlane.json(r.body()).path("accepted").asInt()).isEqualTo(records.size());
    }

    private static List<Path> auditFiles() {
        try (Stream<Path> files = Files.list(server.policyFile().resolveSibling("data").resolve("audit"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JavaProcess auditCommand(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("audit", "--server", server.url()));
        all.addAll(List.of(args));
        return JavaProcess.builder("audit-command").jar(Jars.server()).env(env).args(all.toArray(String[]::new)).start();
    }

    @Test
    void rotatesPastTheFileSizeAndKeepsOnlyTheConfiguredNumberOfFiles() throws Exception {
        for (int batch = 0; batch < 8; batch++) {
            List<String> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                records.add(record("deny", "rotation", "/rotation/" + (batch * 10 + i)));
            }
            ship(records);
        }

        List<Path> files = auditFiles();
        assertThat(files).as("audit files after about 20 KB of records").hasSize(3);
        for (Path f : files) {
            assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(4096);
            for (String line : Files.readAllLines(f)) {
                assertThat(ControlPlane.json(line).path("decision").asText()).isNotEmpty();
            }
        }
        JsonNode kept = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/audit?caller=rotation&limit=10000",
                null, null).body());
        assertThat(kept.size()).as("records still kept").isBetween(10, 79);
        assertThat(kept.get(kept.size() - 1).path("path").asText()).isEqualTo("/rotation/79");
        for (int i = 1; i < kept.size(); i++) {
            int before = Integer.parseInt(kept.get(i - 1).path("path").asText().substring("/rotation/".length()));
            int now = Integer.parseInt(kept.get(i).path("path").asText().substring("/rotation/".length()));
            assertThat(now).as("oldest first, across files").isEqualTo(before + 1);
        }
    }

    @Test
    void auditCommandPrintsTheRecordsTheFiltersSelectOneJsonLineEach() throws Exception {
        ship(List.of(record("deny", "cli-visitor", "/cli/1"), record("allow", "cli-orders", "/cli/2"),
                record("deny", "cli-visitor", "/cli/3")));

        try (JavaProcess audit = auditCommand(Map.of("ROLEGATE_ADMIN_SECRET", server.adminSecret()),
                "--decision", "deny", "--caller", "cli-visitor")) {
            assertThat(audit.awaitExit(Duration.ofSeconds(60))).as(audit.describe()).isZero();
            List<String> lines = audit.stdout().snapshot();
            assertThat(lines).hasSize(2);
            assertThat(ControlPlane.json(lines.get(0)).path("path").asText()).isEqualTo("/cli/1");
            assertThat(ControlPlane.json(lines.get(1)).path("path").asText()).isEqualTo("/cli/3");
        }
    }

    @Test
    void auditCommandReadsTheAdminSecretFromAFileAndLimitsTheAnswer() throws Exception {
        ship(List.of(record("deny", "cli-limit", "/limit/1"), record("deny", "cli-limit", "/limit/2")));
        Path secret = Files.writeString(dir.resolve("admin-secret"), server.adminSecret() + "\n");

        try (JavaProcess audit = auditCommand(Map.of(), "--admin-secret-file", secret.toString(),
                "--caller", "cli-limit", "--limit", "1")) {
            assertThat(audit.awaitExit(Duration.ofSeconds(60))).as(audit.describe()).isZero();
            assertThat(audit.stdout().snapshot()).singleElement()
                    .satisfies(line -> assertThat(ControlPlane.json(line).path("path").asText()).isEqualTo("/limit/2"));
        }
    }

    @Test
    void auditCommandPagesForwardFromSince() {
        ship(List.of(record("2026-01-01T10:00:00Z", "deny", "cli-since", "/since/1"),
                record("2026-01-01T11:00:00Z", "deny", "cli-since", "/since/2"),
                record("2026-01-01T12:00:00Z", "deny", "cli-since", "/since/3"),
                record("2026-01-01T13:00:00Z", "deny", "cli-since", "/since/4")));

        try (JavaProcess audit = auditCommand(Map.of("ROLEGATE_ADMIN_SECRET", server.adminSecret()),
                "--caller", "cli-since", "--since", "2026-01-01T11:00:00Z", "--limit", "2")) {
            assertThat(audit.awaitExit(Duration.ofSeconds(60))).as(audit.describe()).isZero();
            assertThat(audit.stdout().snapshot()).extracting(line -> ControlPlane.json(line).path("path").asText())
                    .containsExactly("/since/2", "/since/3");
        }
    }

    @Test
    void auditCommandExitsOneWithTheServersAnswerForAWrongSecret() {
        try (JavaProcess audit = auditCommand(Map.of("ROLEGATE_ADMIN_SECRET", "not-the-secret"))) {
            assertThat(audit.awaitExit(Duration.ofSeconds(60))).as(audit.describe()).isEqualTo(1);
            assertThat(audit.stderr().snapshot()).anySatisfy(l -> assertThat(l).contains("HTTP 401"));
        }
    }
}
