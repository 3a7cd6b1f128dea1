package dev.rolegate.server.cli;

import dev.rolegate.server.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String cases) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, TestPolicies.V1);
        Path file = dir.resolve("cases.yaml");
        Files.writeString(file, cases);
        return RolegateCli.execute(new PrintWriter(out), new PrintWriter(err), "test", file.toString(),
                "--policy", policy.toString());
    }

    @Test
    void exitsZeroWhenEveryCasePasses() throws Exception {
        int code = run("""
                - orders GET inventory /items/7 -> allow
                - visitor GET inventory /items -> deny
                - visitor GET inventory /health -> allow
                """);

        assertThat(code).isZero();
        assertThat(out.toString()).contains("3 of 3 case(s) passed");
    }

    @Test
    void printsEveryFailingCaseAndExitsOne() throws Exception {
        int code = run("""
                - orders POST inventory /items -> allow
                - orders GET inventory /items -> allow
                - visitor GET inventory /items -> allow
                """);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL case 1: orders POST inventory /items -> allow")
                .contains("FAIL case 3: visitor GET inventory /items -> allow")
                .doesNotContain("FAIL case 2");
    }

    @Test
    void exitsTwoOnAMalformedCase() throws Exception {
        assertThat(run("- orders GET inventory\n")).isEqualTo(2);
        assertThat(err.toString()).contains("case 1");
    }
}
