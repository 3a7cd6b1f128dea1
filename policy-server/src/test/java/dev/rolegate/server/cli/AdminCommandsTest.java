package dev.rolegate.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keys rotate} and {@code audit} fail in one clear line when they cannot do their job. */
class AdminCommandsTest {
    @TempDir
    Path dir;

    /** A local port with nothing listening on it. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void keysRotateNamesTheServerItCannotReach() throws Exception {
        Path secret = Files.writeString(dir.resolve("admin"), "s3cret");
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = CliRun.of("keys", "rotate", "--server", url, "--admin-secret-file", secret.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the policy server at " + url).doesNotContain("null");
    }

    @Test
    void auditNamesTheServerItCannotReach() throws Exception {
        Path secret = Files.writeString(dir.resolve("admin"), "s3cret");
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = CliRun.of("audit", "--server", url, "--admin-secret-file", secret.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the policy server at " + url);
    }

    @Test
    void auditSaysWhereTheAdminSecretComesFromWhenItIsMissing() throws Exception {
        CliRun run = CliRun.of("audit", "--server", "http://127.0.0.1:" + closedPort(), "--admin-secret-file",
                dir.resolve("missing").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot read the admin secret file").contains("missing");
    }
}
