package dev.rolegate.server.cli;

import dev.rolegate.server.credentials.CredentialsFile;
import dev.rolegate.server.credentials.SecretHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsAddCommandTest {
    @TempDir
    Path dir;

    @Test
    void createsFileWithOnlyTheHashAndPrintsSecretAloneOnLastLine() throws Exception {
        Path file = dir.resolve("credentials.yaml");

        CliRun run = CliRun.of("credentials", "add", "orders", "--file", file.toString());

        assertThat(run.exitCode()).isZero();
        String secret = run.lastLine();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        String content = Files.readString(file);
        assertThat(content).doesNotContain(secret);
        Map<String, String> entries = CredentialsFile.parse(Files.readAllBytes(file));
        assertThat(SecretHasher.verify(secret, SecretHasher.parse(entries.get("orders")))).isTrue();
    }

    @Test
    void printsTheSecretOnlyOnce() {
        CliRun run = CliRun.of("credentials", "add", "orders", "--file", dir.resolve("c.yaml").toString());

        String secret = run.lastLine();
        assertThat(run.out().indexOf(secret)).isEqualTo(run.out().lastIndexOf(secret));
        assertThat(run.err()).doesNotContain(secret);
    }

    @Test
    void rotatesAnExistingSecretAndKeepsOtherIdentities() throws Exception {
        Path file = dir.resolve("credentials.yaml");
        String first = CliRun.of("credentials", "add", "orders", "--file", file.toString()).lastLine();
        String other = CliRun.of("credentials", "add", "nightly-report", "--file", file.toString()).lastLine();

        String rotated = CliRun.of("credentials", "add", "orders", "--file", file.toString()).lastLine();

        Map<String, String> entries = CredentialsFile.parse(Files.readAllBytes(file));
        assertThat(rotated).isNotEqualTo(first);
        assertThat(SecretHasher.verify(first, SecretHasher.parse(entries.get("orders")))).isFalse();
        assertThat(SecretHasher.verify(rotated, SecretHasher.parse(entries.get("orders")))).isTrue();
        assertThat(SecretHasher.verify(other, SecretHasher.parse(entries.get("nightly-report")))).isTrue();
    }

    @Test
    void exitsTwoForAnInvalidIdentityName() {
        CliRun run = CliRun.of("credentials", "add", "Not Valid", "--file", dir.resolve("c.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("c.yaml"))).isFalse();
    }

    @Test
    void exitsTwoWithoutSubcommand() {
        assertThat(CliRun.of("credentials").exitCode()).isEqualTo(2);
    }
}
