package dev.rolegate.server.cli;

import dev.rolegate.server.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void exitsZeroWithSummaryCountsForValidDocument() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.V1);

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid").contains("2 services").contains("2 identities")
                .contains("1 roles").contains("1 bindings");
    }

    @Test
    void exitsOneListingEveryProblemWithLocationAndQuotedValue() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), TestPolicies.INVALID);

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("2 problem(s)").contains("\"warehouse\"").contains("\"no-such-role\"")
                .containsPattern("line \\d+");
    }

    @Test
    void exitsOneForMissingFile() {
        CliRun run = CliRun.of("validate", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("nope.yaml").contains("no such file");
    }

    @Test
    void exitsTwoWithoutFileArgument() {
        assertThat(CliRun.of("validate").exitCode()).isEqualTo(2);
    }

    @Test
    void exitsTwoForUnknownCommand() {
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
    }
}
