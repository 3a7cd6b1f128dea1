package dev.rolegate.benchmarks.jmh;

import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.agent.runtime.verify.VerifiedToken;
import dev.rolegate.benchmarks.BenchKeys;
import dev.rolegate.benchmarks.BenchPolicies;
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
 * A token seen for the first time: signature (ES256) and claim checks by the real
 * {@link TokenVerifier}, with a fresh verifier per operation so its cache never hits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ColdVerifyBenchmark {
    private KeySource keySource;
    private PolicySnapshot snap;
    private String token;

    @Setup
    public void setUp() throws Exception {
        BenchKeys keys = BenchKeys.generate();
        keySource = new KeySource(keys::jwksJson, Runnable::run);
        keySource.set(keys.jwksJson());
        snap = BenchPolicies.snapshot(1, BenchPolicies.INVENTORY);
        token = keys.token("orders", "inventory", List.of("inventory-reader"), 3600);
    }

    @Benchmark
    public VerifiedToken firstSightOfAToken() throws Exception {
        return new TokenVerifier("inventory", keySource, snap::issuer, System::currentTimeMillis).verify(token);
    }
}
