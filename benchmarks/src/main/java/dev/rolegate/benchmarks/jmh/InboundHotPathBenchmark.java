package dev.rolegate.benchmarks.jmh;

import dev.rolegate.agent.runtime.audit.AuditOutput;
import dev.rolegate.agent.runtime.audit.AuditRecord;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.inbound.InboundEnforcer;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.benchmarks.BenchKeys;
import dev.rolegate.benchmarks.BenchPolicies;
import dev.rolegate.bootstrap.InboundDecision;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The inbound decision of an allowed request, as the agent runs it for every request: the real
 * {@link InboundEnforcer} with the real {@link TokenVerifier} (verified-token cache hit), path
 * normalisation and policy match, and the decision record queued to a started audit thread
 * ({@code audit=on}, as in production) or skipped ({@code audit=off}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InboundHotPathBenchmark {
    @Param({"on", "off"})
    public String audit;

    private InboundEnforcer enforcer;
    private AuditSink sink;
    private String[] token;
    private final String[] noOverrides = new String[0];

    @Setup
    public void setUp() throws Exception {
        BenchKeys keys = BenchKeys.generate();
        KeySource keySource = new KeySource(keys::jwksJson, Runnable::run);
        keySource.set(keys.jwksJson());
        PolicySnapshot snap = BenchPolicies.snapshot(1, BenchPolicies.INVENTORY);
        TokenVerifier verifier = new TokenVerifier("inventory", keySource, snap::issuer, System::currentTimeMillis);
        sink = "on".equals(audit) ? new AuditSink(List.of(new DiscardingOutput()), AuditSink.DEFAULT_CAPACITY)
                : AuditSink.discarding();
        sink.start();
        enforcer = new InboundEnforcer("inventory", dev.rolegate.agent.runtime.config.Mode.ENFORCE, false,
                () -> snap, verifier, sink, System::currentTimeMillis);
        String issued = keys.token("orders", "inventory", List.of("inventory-reader"), 3600);
        InboundDecision first = enforcer.decide("GET", "/items/7", new String[] {issued}, noOverrides);
        if (!first.proceed() || first.caller() == null) {
            throw new IllegalStateException("the benchmark request is not allowed: " + first);
        }
        // A request brings its token as a new string: measure with an equal string that is not the cached
        // one, so the cache lookup compares the characters as it does in production.
        token = new String[] {new String(issued.toCharArray())};
    }

    @TearDown
    public void tearDown() {
        sink.close();
    }

    @Benchmark
    public InboundDecision allowedRequestWithCachedToken() {
        return enforcer.decide("GET", "/items/7", token, noOverrides);
    }

    /** Formats and drops every record, so the audit thread does its real work without I/O. */
    static final class DiscardingOutput implements AuditOutput {
        @Override
        public void write(AuditRecord record, String jsonLine) {
            // Nothing: the formatting (the audit thread's real cost) has already happened.
        }

        @Override
        public void flush() {
            // Nothing to flush.
        }
    }
}
