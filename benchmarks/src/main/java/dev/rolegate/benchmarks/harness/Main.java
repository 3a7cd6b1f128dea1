package dev.rolegate.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the chosen harnesses and writes their figures as markdown table rows to a file.
 * Arguments: {@code <repo dir> <work dir> <rows file> [--smoke] [jmh|e2e|startup|propagation|scale|footprint ...]}
 * (none: all). A harness that fails is reported as such and the others still run.
 */
public final class Main {
    static final List<String> ALL = List.of("jmh", "e2e", "startup", "propagation", "scale", "footprint");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]));
        Path out = Path.of(args[2]);
        boolean smoke = false;
        List<String> sections = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                smoke = true;
            } else {
                sections.add(args[i]);
            }
        }
        Report report = new Report();
        List<String> failed = run(new Setup(repo, System.getProperty("java.class.path"), work, smoke),
                sections.isEmpty() ? ALL : sections, report);
        List<String> lines = new ArrayList<>();
        boolean anyFailed = !failed.isEmpty();
        for (Report.Row r : report.rows()) {
            lines.add(r.markdown());
            anyFailed |= Report.FAILED.equals(r.measured());
        }
        for (String f : failed) {
            String oneLine = f.lines().findFirst().orElse(f).replace('|', '/');
            lines.add("| " + oneLine + " | " + Report.FAILED + " | | **missed** | |");
        }
        Files.write(out, lines);
        System.exit(anyFailed ? 1 : 0);
    }

    /** Runs {@code sections}; returns those that threw. */
    public static List<String> run(Setup s, List<String> sections, Report report) {
        List<String> failed = new ArrayList<>();
        for (String section : sections) {
            long t0 = System.nanoTime();
            System.out.println("=== " + section);
            try {
                switch (section) {
                    case "jmh" -> Jmh.run(s, report);
                    case "e2e" -> EndToEnd.run(s, report);
                    case "startup" -> Startup.run(s, report);
                    case "propagation" -> Propagation.run(s, report);
                    case "scale" -> ServerScale.run(s, report);
                    case "footprint" -> Footprint.run(s, report);
                    default -> throw new IllegalArgumentException("unknown section " + section + "; one of " + ALL);
                }
            } catch (Exception | AssertionError e) {
                e.printStackTrace(System.out);
                failed.add(section + " (" + e + ")");
            }
            System.out.printf("=== %s took %.0f s%n", section, (System.nanoTime() - t0) / 1e9);
        }
        return failed;
    }
}
