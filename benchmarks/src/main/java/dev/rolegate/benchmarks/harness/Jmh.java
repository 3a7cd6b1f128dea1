package dev.rolegate.benchmarks.harness;

import dev.rolegate.benchmarks.jmh.ColdVerifyBenchmark;
import dev.rolegate.benchmarks.jmh.InboundHotPathBenchmark;
import dev.rolegate.benchmarks.jmh.OutboundAttachBenchmark;
import dev.rolegate.benchmarks.jmh.PolicyCompileBenchmark;
import dev.rolegate.benchmarks.jmh.TokenSigningBenchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JMH benchmarks (with the GC profiler) and reports them against their goals. */
public final class Jmh {
    private static final String HOW = "benchmarks/run.sh jmh";

    private Jmh() {
    }

    /**
     * Runs each benchmark class on its own: one that fails (a cold fork on a loaded machine, say) is
     * reported as a failed row and the others still run.
     */
    public static void run(Setup s, Report report) {
        List<Class<?>> failed = new ArrayList<>();
        for (Class<?> benchmark : List.of(InboundHotPathBenchmark.class, OutboundAttachBenchmark.class,
                ColdVerifyBenchmark.class, TokenSigningBenchmark.class, PolicyCompileBenchmark.class)) {
            try {
                run(s, benchmark, report);
            } catch (RunnerException | RuntimeException e) {
                e.printStackTrace(System.out);
                failed.add(benchmark);
                report.add(benchmark.getSimpleName() + " failed: " + String.valueOf(e).lines().findFirst().orElse("")
                        .replace('|', '/'), Report.FAILED, "runs", false, HOW);
            }
        }
        if (!failed.isEmpty()) {
            System.out.println("JMH benchmarks that failed: " + failed);
        }
    }

    private static void run(Setup s, Class<?> benchmark, Report report) throws RunnerException {
        if (benchmark == InboundHotPathBenchmark.class) {
            inbound(s, report);
        } else if (benchmark == OutboundAttachBenchmark.class) {
            outbound(s, report);
        } else if (benchmark == ColdVerifyBenchmark.class) {
            coldVerify(s, report);
        } else if (benchmark == TokenSigningBenchmark.class) {
            tokenSigning(s, report);
        } else {
            policyCompile(s, report);
        }
    }

    private static void inbound(Setup s, Report report) throws RunnerException {
        for (RunResult r : run(s, InboundHotPathBenchmark.class, Mode.SampleTime, TimeUnit.NANOSECONDS)) {
            String audit = r.getParams().getParam("audit");
            double median = r.getPrimaryResult().getStatistics().getPercentile(50);
            double p99 = r.getPrimaryResult().getStatistics().getPercentile(99);
            double bytes = alloc(r);
            boolean main = "off".equals(audit);
            String what = "inbound decision, allowed request, cached token (normalise + verify-cache hit + match"
                    + (main ? ")" : " + decision record queued to a running audit thread, whose formatting allocations"
                    + " count too)");
            report.add(what + String.format(": median (p99 %.0f ns)", p99), String.format("%.0f ns", median), "≤ 1000 ns",
                    main ? median <= 1000 : null, HOW);
            report.add(what + ": allocated per request", String.format("%.0f B/op", bytes), "≤ 200 B/op",
                    main ? bytes <= 200 : null, HOW);
        }
    }

    private static void outbound(Setup s, Report report) throws RunnerException {
        for (RunResult r : run(s, OutboundAttachBenchmark.class, Mode.SampleTime, TimeUnit.NANOSECONDS)) {
            String name = r.getParams().getBenchmark();
            double median = r.getPrimaryResult().getStatistics().getPercentile(50);
            boolean known = name.endsWith("callToKnownServiceWithCachedToken");
            report.add((known ? "outbound token attach, known service, cached token" : "outbound call to an unknown destination")
                            + String.format(": median (%.0f B/op)", alloc(r)), String.format("%.0f ns", median),
                    known ? "≤ 500 ns" : "report", known ? median <= 500 : null, HOW);
        }
    }

    private static void coldVerify(Setup s, Report report) throws RunnerException {
        for (RunResult r : run(s, ColdVerifyBenchmark.class, Mode.AverageTime, TimeUnit.MICROSECONDS)) {
            report.add("cold ES256 token verification (first sight of a token: signature + claims), mean",
                    String.format("%.0f µs", r.getPrimaryResult().getScore()), "report", null, HOW);
        }
    }

    private static void tokenSigning(Setup s, Report report) throws RunnerException {
        for (RunResult r : run(s, TokenSigningBenchmark.class, Mode.AverageTime, TimeUnit.MICROSECONDS)) {
            double micros = r.getPrimaryResult().getScore();
            report.add(String.format("ES256 signing of one role token, as the policy server mints it, mean (one core's ceiling:"
                            + " %.0f tokens/s; JDK %s)", 1e6 / micros, Runtime.version().feature()),
                    String.format("%.0f µs", micros), "report", null, HOW);
        }
    }

    private static void policyCompile(Setup s, Report report) throws RunnerException {
        for (RunResult r : run(s, PolicyCompileBenchmark.class, Mode.AverageTime, TimeUnit.MILLISECONDS)) {
            String name = r.getParams().getBenchmark();
            report.add("policy of 1,000 services and 10,000 rules: " + (name.endsWith("compile") ? "compile into the matcher"
                            : "parse and validate the document") + ", mean",
                    String.format("%.1f ms", r.getPrimaryResult().getScore()), "report", null, HOW);
        }
    }

    private static double alloc(RunResult r) {
        Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return norm == null ? Double.NaN : norm.getScore();
    }

    private static Collection<RunResult> run(Setup s, Class<?> benchmark, Mode mode, TimeUnit unit) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(benchmark.getName() + ".*").mode(mode).timeUnit(unit)
                .addProfiler(GCProfiler.class).shouldFailOnError(true);
        if (s.smoke) {
            o.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            o.forks(1).jvmArgsAppend("-Xmx1g");
        }
        return new Runner(o.build()).run();
    }
}
