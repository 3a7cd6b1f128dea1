package dev.rolegate.agent.runtime.inbound;

import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.audit.CapturingOutput;
import dev.rolegate.agent.runtime.config.Mode;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.Snapshots;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rough guard on the hot path (verified-token cache hit, normalise, match, audit record): the
 * JMH benchmark is the real measurement; this only catches a gross regression.
 */
class InboundEnforcerAllocationTest {
    @Test
    void anAllowedRequestWithACachedTokenAllocatesLittle() throws Exception {
        TestKeys keys = TestKeys.generate();
        KeySource ks = new KeySource(keys::jwksJson, Runnable::run);
        ks.set(keys.jwksJson());
        PolicySnapshot snap = Snapshots.of(1, TestPolicies.INVENTORY);
        TokenVerifier verifier = new TokenVerifier("inventory", ks, snap::issuer, System::currentTimeMillis);
        AuditSink audit = AuditSink.discarding();
        InboundEnforcer e = new InboundEnforcer("inventory", Mode.ENFORCE, false, () -> snap, verifier, audit,
                System::currentTimeMillis);
        String[] token = {keys.sign("at+jwt", FixtureServer.tokenClaims("orders", "inventory", List.of("inventory-reader"), 300))};
        String[] none = new String[0];
        for (int i = 0; i < 200_000; i++) {
            e.decide("GET", "/items/7", token, none);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int n = 200_000;
        long before = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            e.decide("GET", "/items/7", token, none);
        }
        long nanos = System.nanoTime() - t0;
        long perOp = (mx.getThreadAllocatedBytes(tid) - before) / n;
        System.out.println("hot path: " + perOp + " B/op, " + nanos / n + " ns/op");
        assertThat(perOp).isLessThan(1024);
    }

    /**
     * The request thread's share with audit on: the decision record is built and offered (here to a
     * queue that is always full, so that no audit thread's formatting is counted). Allocation, unlike
     * time, does not depend on machine load, so the budget of 200 bytes can be asserted.
     */
    @Test
    void anAllowedRequestWithAuditOnAllocatesAtMost200BytesOnTheRequestThread() throws Exception {
        TestKeys keys = TestKeys.generate();
        KeySource ks = new KeySource(keys::jwksJson, Runnable::run);
        ks.set(keys.jwksJson());
        PolicySnapshot snap = Snapshots.of(1, TestPolicies.INVENTORY);
        TokenVerifier verifier = new TokenVerifier("inventory", ks, snap::issuer, System::currentTimeMillis);
        AuditSink audit = new AuditSink(List.of(new CapturingOutput()), 1);
        InboundEnforcer e = new InboundEnforcer("inventory", Mode.ENFORCE, false, () -> snap, verifier, audit,
                System::currentTimeMillis);
        String[] token = {keys.sign("at+jwt", FixtureServer.tokenClaims("orders", "inventory", List.of("inventory-reader"), 300))};
        String[] none = new String[0];
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += e.decide("GET", "/items/7", token, none).proceed() ? 1 : 0;
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int n = 200_000;
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            sink += e.decide("GET", "/items/7", token, none).proceed() ? 1 : 0;
        }
        long perOp = (mx.getThreadAllocatedBytes(tid) - before) / n;

        assertThat(sink).isEqualTo(2L * n);
        assertThat(perOp).as("bytes allocated on the request thread per allowed request").isLessThanOrEqualTo(200);
    }
}
