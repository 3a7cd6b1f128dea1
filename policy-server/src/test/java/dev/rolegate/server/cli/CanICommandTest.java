package dev.rolegate.server.cli;

import dev.rolegate.server.TestPolicies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CanICommandTest {
    @TempDir
    Path dir;
    String policy;

    @BeforeEach
    void write() throws Exception {
        policy = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.V1).toString();
    }

    @Test
    void answersYesAndExitsZeroWhenARoleAllows() {
        CliRun run = CliRun.of("can-i", "orders", "GET", "inventory", "/items/7", "--policy", policy);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("yes").contains("inventory-reader");
    }

    @Test
    void answersNoAndExitsOneWhenNoRoleAllows() {
        CliRun run = CliRun.of("can-i", "orders", "POST", "inventory", "/items/7", "--policy", policy);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("no").contains("orders");
    }

    @Test
    void answersYesForAPublicPath() {
        CliRun run = CliRun.of("can-i", "visitor", "GET", "inventory", "/health", "--policy", policy);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("yes").contains("public");
    }

    @Test
    void normalisesTrailingSlashBeforeDeciding() {
        CliRun run = CliRun.of("can-i", "orders", "GET", "inventory", "/items/", "--policy", policy);

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void answersNoForAnAmbiguousPath() {
        CliRun run = CliRun.of("can-i", "orders", "GET", "inventory", "/items/../admin", "--policy", policy);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("no").contains("ambiguous");
    }

    @Test
    void answersNoForAnUnknownService() {
        CliRun run = CliRun.of("can-i", "orders", "GET", "warehouse", "/items", "--policy", policy);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("no").contains("warehouse");
    }

    @Test
    void exitsTwoWhenArgumentsAreMissing() {
        assertThat(CliRun.of("can-i", "orders", "GET", "--policy", policy).exitCode()).isEqualTo(2);
    }
}
