package dev.rolegate.benchmarks.jmh;

import dev.rolegate.benchmarks.BenchKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Minting one role token as the policy server does (RFC 9068 claims, ES256 with the JDK's
 * provider), on one thread. Its inverse is the ceiling of token issuance per core, whatever the
 * HTTP server around it does: the figure that token-issuance throughput is read against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenSigningBenchmark {
    private BenchKeys keys;

    @Setup
    public void setUp() {
        keys = BenchKeys.generate();
    }

    @Benchmark
    public String signOneToken() {
        return keys.token("orders", "inventory", List.of("inventory-reader"), 300);
    }
}
