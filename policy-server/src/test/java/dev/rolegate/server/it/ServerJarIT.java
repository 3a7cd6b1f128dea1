package dev.rolegate.server.it;

import dev.rolegate.server.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the shaded {@code rolegate-server.jar} as users do: {@code java -jar}, a child process. */
class ServerJarIT {
    private static final Pattern LISTENING =
            Pattern.compile("Rolegate policy server listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("rolegate.server.jar", "target/rolegate-server.jar"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    @Test
    void validateExitsOneAndListsProblemsForInvalidFile() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.INVALID);
        Process p = java("validate", file.toString()).redirectErrorStream(true).start();

        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output).contains("\"warehouse\"").contains("\"no-such-role\"");
    }

    @Test
    void validateExitsZeroForValidFile() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.V1);
        Process p = java("validate", file.toString()).redirectErrorStream(true).start();

        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    @Test
    void servesByDefaultOnDemoPolicyAndAnswersHealthz() throws Exception {
        ProcessBuilder pb = java().redirectErrorStream(true);
        pb.environment().put("ROLEGATE_BIND", "127.0.0.1");
        pb.environment().put("ROLEGATE_PORT", "0");
        pb.environment().put("ROLEGATE_POLICY", dir.resolve("missing.yaml").toString());
        pb.environment().put("ROLEGATE_CREDENTIALS", dir.resolve("credentials.yaml").toString());
        pb.environment().put("ROLEGATE_DATA_DIR", dir.resolve("data").toString());
        Process p = pb.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            int port = CompletableFuture.supplyAsync(() -> readPort(lines, seen)).get(60, TimeUnit.SECONDS);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(seen.get(0)).contains("demo policy");
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int readPort(BufferedReader lines, List<String> seen) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("server output ended: " + seen, e);
        }
        throw new IllegalStateException("server exited without listening: " + seen);
    }
}
