package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The real policy server jar, in its own data directory, on an ephemeral port, with a policy file
 * the test writes and credentials made by the real {@code credentials add} command.
 */
public final class PolicyServerProcess implements AutoCloseable {
    private static final Pattern LISTENING =
            Pattern.compile("Rolegate policy server listening on http://\\S+:(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dir;
    private final Path policyFile;
    private final Map<String, String> secrets;
    private final String adminSecret;
    private final JavaProcess process;
    private final int port;

    private PolicyServerProcess(Path dir, Path policyFile, Map<String, String> secrets,
                                String adminSecret, JavaProcess process, int port) {
        this.dir = dir;
        this.policyFile = policyFile;
        this.secrets = secrets;
        this.adminSecret = adminSecret;
        this.process = process;
        this.port = port;
    }

    /** Writes {@code policyYaml}, creates a secret for each identity, starts the server, waits for /healthz. */
    public static PolicyServerProcess start(Path dir, String policyYaml, String... identities) {
        return start(dir, policyYaml, Map.of(), identities);
    }

    /** As {@link #start(Path, String, String...)}, with more server settings ({@code ROLEGATE_*} variables). */
    public static PolicyServerProcess start(Path dir, String policyYaml, Map<String, String> serverEnv,
                                            String... identities) {
        try {
            Files.createDirectories(dir);
            Path policyFile = dir.resolve("policy.yaml");
            Files.writeString(policyFile, policyYaml);
            Path credentials = dir.resolve("credentials.yaml");
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String identity : identities) {
                secrets.put(identity, addCredentials(identity, credentials));
            }
            String adminSecret = "admin-" + UUID.randomUUID();
            JavaProcess process = JavaProcess.builder("policy-server")
                    .jar(Jars.server())
                    .args("serve")
                    .env("ROLEGATE_PORT", "0")
                    .env("ROLEGATE_BIND", "127.0.0.1")
                    .env("ROLEGATE_POLICY", policyFile.toString())
                    .env("ROLEGATE_CREDENTIALS", credentials.toString())
                    .env("ROLEGATE_DATA_DIR", dir.resolve("data").toString())
                    .env("ROLEGATE_ADMIN_SECRET", adminSecret)
                    .env(serverEnv)
                    .start();
            int port;
            try {
                port = Integer.parseInt(process.awaitOutput(LISTENING, STARTUP).group(1));
            } catch (RuntimeException | AssertionError e) {
                process.close();
                throw e;
            }
            PolicyServerProcess server = new PolicyServerProcess(dir, policyFile, secrets, adminSecret, process, port);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String addCredentials(String identity, Path credentials) {
        try (JavaProcess cli = JavaProcess.builder("credentials-add-" + identity)
                .jar(Jars.server())
                .args("credentials", "add", identity, "--file", credentials.toString())
                .start()) {
            int exit = cli.awaitExit(Duration.ofSeconds(60));
            assertThat(exit).as("exit code of credentials add %s\n%s", identity, cli.describe()).isZero();
            List<String> lines = cli.stdout().snapshot();
            assertThat(lines).as("stdout of credentials add %s", identity).isNotEmpty();
            String secret = lines.get(lines.size() - 1).strip();
            assertThat(secret).as("secret printed by credentials add %s", identity).isNotBlank();
            return secret;
        }
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest healthz = HttpRequest.newBuilder(URI.create(url() + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build();
        await("policy server /healthz").atMost(STARTUP).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("policy server exited", () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(process.describe());
                    }
                })
                .until(() -> client.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String secretOf(String identity) {
        String secret = secrets.get(identity);
        if (secret == null) {
            throw new IllegalArgumentException("no credentials were created for " + identity);
        }
        return secret;
    }

    public String adminSecret() {
        return adminSecret;
    }

    public Path policyFile() {
        return policyFile;
    }

    /** Rewrites the policy file in place, as an editor saves it. */
    public void writePolicy(String policyYaml) {
        try {
            Files.writeString(policyFile, policyYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Agent settings for {@code identity} against this server, with a cache directory of its own. */
    public AgentSettings agentFor(String identity) {
        try {
            return AgentSettings.as(identity, url())
                    .secret(secretOf(identity))
                    .cacheDir(Files.createTempDirectory(dir, "cache-" + identity + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
