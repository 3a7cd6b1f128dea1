package dev.rolegate.benchmarks.jmh;

import dev.rolegate.benchmarks.BenchPolicies;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyDocument;
import dev.rolegate.policy.PolicyParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What an agent does with each new revision of a large policy: parse and validate the document
 * ({@code parseAndValidate}), and compile it into the matcher ({@code compile}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyCompileBenchmark {
    @Param({"1000"})
    public int services;
    @Param({"10000"})
    public int rules;

    private String json;
    private PolicyDocument document;

    @Setup
    public void setUp() throws Exception {
        json = BenchPolicies.large(services, rules);
        document = PolicyParser.parse(json, "bench");
    }

    @Benchmark
    public PolicyDocument parseAndValidate() throws Exception {
        return PolicyParser.parse(json, "bench");
    }

    @Benchmark
    public CompiledPolicy compile() {
        return CompiledPolicy.compile(document);
    }
}
