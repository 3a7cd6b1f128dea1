package dev.rolegate.server.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest {
    @AfterEach
    void clear() {
        System.clearProperty("rolegate.port");
    }

    @Test
    void exitsTwoWithOneLineNamingTheVariableForABadPort() {
        System.setProperty("rolegate.port", "seventy");

        CliRun run = CliRun.of("serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("ROLEGATE_PORT").contains("seventy");
    }

    @Test
    void servesByDefaultWithoutACommand() {
        System.setProperty("rolegate.port", "-1");

        CliRun run = CliRun.of();

        assertThat(run.exitCode()).as("the default command read the serve configuration").isEqualTo(2);
        assertThat(run.err()).contains("ROLEGATE_PORT");
    }
}
