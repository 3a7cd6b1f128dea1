package dev.rolegate.benchmarks;

import dev.rolegate.benchmarks.harness.Main;
import dev.rolegate.benchmarks.harness.Report;
import dev.rolegate.benchmarks.harness.Setup;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's smoke run of benchmarks/run.sh: every harness once, tiny (one short JMH iteration without a
 * fork, one short round, a handful of watchers), so that a harness broken by a change is caught.
 * It asserts that each harness ran and reported its figures, never what they are: timings on a
 * shared CI machine prove nothing.
 */
class HarnessSmokeTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"jmh", "e2e", "startup", "propagation", "scale", "footprint"})
    void harnessRunsAndReportsEveryFigure(String section) throws IOException {
        Setup setup = new Setup(Path.of("..").toAbsolutePath().normalize(), classpath(), work, true);
        Report report = new Report();

        List<String> failed = Main.run(setup, List.of(section), report);

        assertThat(failed).as("harnesses that threw").isEmpty();
        assertThat(report.rows()).as("figures reported by " + section).isNotEmpty()
                .allSatisfy(r -> assertThat(r.measured()).as(r.what()).isNotBlank().doesNotContain("NaN")
                        .isNotEqualTo(Report.FAILED));
    }

    /** The module's classes and run-time class path, as run.sh gives them to the child JVMs. */
    private static String classpath() throws IOException {
        Path target = Path.of("target");
        return target.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(target.resolve("classpath.txt")).strip();
    }
}
