package dev.rolegate.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The real policy server jar in a child JVM, on an ephemeral port, with credentials made by its
 * own {@code credentials add} command and an admin secret for {@code PUT /v1/policy}.
 */
public final class PolicyServerRunner implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Rolegate policy server listening on http://\\S+:(\\d+)");

    private final ChildJvm process;
    private final int port;
    private final Map<String, String> secrets;
    private final String adminSecret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PolicyServerRunner(ChildJvm process, int port, Map<String, String> secrets, String adminSecret) {
        this.process = process;
        this.port = port;
        this.secrets = secrets;
        this.adminSecret = adminSecret;
    }

    /** Starts the server on {@code policyYaml} with credentials for {@code identities}. */
    public static PolicyServerRunner start(Path serverJar, Path dir, String policyYaml, List<String> jvmArgs,
                                           String... identities) {
        return start(Path.of(System.getProperty("java.home")), serverJar, dir, policyYaml, jvmArgs, identities);
    }

    /** As {@link #start(Path, Path, String, List, String...)}, with the server on the JDK at {@code javaHome}. */
    public static PolicyServerRunner start(Path javaHome, Path serverJar, Path dir, String policyYaml, List<String> jvmArgs,
                                           String... identities) {
        try {
            Files.createDirectories(dir);
            Path policy = dir.resolve("policy.yaml");
            Files.writeString(policy, policyYaml);
            Path credentials = dir.resolve("credentials.yaml");
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String identity : identities) {
                try (ChildJvm cli = ChildJvm.start("credentials-" + identity, List.of(), serverJar.toString(), null,
                        List.of("credentials", "add", identity, "--file", credentials.toString()), Map.of())) {
                    if (cli.awaitExit(Duration.ofSeconds(60)) != 0) {
                        throw new IllegalStateException("credentials add failed: " + cli.lines());
                    }
                    List<String> out = cli.lines();
                    secrets.put(identity, out.get(out.size() - 1).strip());
                }
            }
            String admin = "admin-" + UUID.randomUUID();
            List<String> jvm = new ArrayList<>(jvmArgs);
            Setup.addProfiling(jvm, "policy-server-" + dir.getFileName());
            ChildJvm server = ChildJvm.start("policy-server", javaHome, jvm, serverJar.toString(), null, List.of("serve"), Map.of(
                    "ROLEGATE_PORT", "0",
                    "ROLEGATE_BIND", "127.0.0.1",
                    "ROLEGATE_POLICY", policy.toString(),
                    "ROLEGATE_CREDENTIALS", credentials.toString(),
                    "ROLEGATE_DATA_DIR", dir.resolve("data").toString(),
                    "ROLEGATE_ADMIN_SECRET", admin));
            int port = Integer.parseInt(server.await(LISTENING, Duration.ofSeconds(90)).group(1));
            return new PolicyServerRunner(server, port, secrets, admin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String secretOf(String identity) {
        return secrets.get(identity);
    }

    public long pid() {
        return process.pid();
    }

    /** {@code PUT /v1/policy} as admin; returns the status. */
    public int putPolicy(String yaml) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(url() + "/v1/policy"))
                .header("Authorization", "Bearer " + adminSecret)
                .header("Content-Type", "application/yaml")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build();
        try {
            return http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Agent environment (CONTRACT section 2) for {@code identity} against this server. */
    public Map<String, String> agentEnv(String identity, Path cacheDir, String audit) {
        return Map.of("ROLEGATE_IDENTITY", identity, "ROLEGATE_SERVER", url(), "ROLEGATE_SECRET", secretOf(identity),
                "ROLEGATE_MODE", "enforce", "ROLEGATE_AUDIT", audit, "ROLEGATE_CACHE_DIR", cacheDir.toString());
    }

    @Override
    public void close() {
        process.close();
    }
}
