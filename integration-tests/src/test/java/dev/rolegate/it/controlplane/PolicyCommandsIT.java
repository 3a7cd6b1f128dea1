package dev.rolegate.it.controlplane;

import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.Jars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline policy commands of the real server jar: {@code test}, {@code can-i} and {@code validate}. */
class PolicyCommandsIT {
    @TempDir
    Path dir;

    private static JavaProcess run(String name, String... args) {
        return JavaProcess.builder(name).jar(Jars.server()).args(args).start();
    }

    private Path policy() throws Exception {
        return Files.writeString(dir.resolve("policy.yaml"), ControlPlane.policy(18080, true).yaml());
    }

    @Test
    void testCommandPrintsEveryFailingCaseAndExitsOne() throws Exception {
        Path cases = Files.writeString(dir.resolve("cases.yaml"), """
                - orders GET inventory /items/7 -> allow
                - orders POST inventory /items -> allow
                - visitor GET inventory /items -> allow
                - visitor GET inventory /health -> allow
                """);

        try (JavaProcess test = run("policy-test", "test", cases.toString(), "--policy", policy().toString())) {
            assertThat(test.awaitExit(Duration.ofSeconds(60))).as(test.describe()).isEqualTo(1);
            String out = String.join("\n", test.stdout().snapshot());
            assertThat(out).contains("orders POST inventory /items").contains("visitor GET inventory /items")
                    .doesNotContain("orders GET inventory /items/7 ->");
        }
    }

    @Test
    void testCommandExitsZeroWhenEveryCasePasses() throws Exception {
        Path cases = Files.writeString(dir.resolve("cases.yaml"), """
                - orders GET inventory /items/7 -> allow
                - orders POST inventory /items -> deny
                - visitor GET inventory /items -> deny
                """);

        try (JavaProcess test = run("policy-test", "test", cases.toString(), "--policy", policy().toString())) {
            assertThat(test.awaitExit(Duration.ofSeconds(60))).as(test.describe()).isZero();
        }
    }

    @Test
    void canIAnswersNoWithTheReasonAndExitsOne() throws Exception {
        try (JavaProcess canI = run("can-i", "can-i", "visitor", "GET", "inventory", "/items",
                "--policy", policy().toString())) {
            assertThat(canI.awaitExit(Duration.ofSeconds(60))).as(canI.describe()).isEqualTo(1);
            assertThat(canI.stdout().snapshot().get(0)).startsWith("no");
            assertThat(String.join("\n", canI.stdout().snapshot())).contains("visitor");
        }
    }

    @Test
    void validateListsEveryProblemWithItsLocationAndExitsOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), PolicyLifecycleIT.INVALID);

        try (JavaProcess validate = run("validate", "validate", bad.toString())) {
            assertThat(validate.awaitExit(Duration.ofSeconds(60))).as(validate.describe()).isEqualTo(1);
            String out = String.join("\n", validate.stdout().snapshot()) + String.join("\n", validate.stderr().snapshot());
            assertThat(out).contains("services.inventory.colour").contains("\"colour\"")
                    .contains("roles.inventory-reader.allow[0].service").contains("\"warehouse\"")
                    .contains("roles.inventory-reader.allow[0].methods[0]").contains("\"get\"")
                    .contains("bindings[0].role").contains("\"no-such-role\"");
        }
    }
}
