package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The inbound hot path stays within its allocation budget: at most 200 bytes for an allowed
 * decision, and less than that again for normalising a path. Allocation, unlike time, does not
 * depend on machine load, so it can be asserted; it is measured after warm-up so that the JIT has
 * compiled the path.
 */
class HotPathAllocationTest {
    private final CompiledPolicy policy = TestPolicies.base();
    private final List<String> roles = List.of("inventory-reader");

    private static long bytesPerCall(IntSupplier call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += call.getAsInt();
        }
        int rounds = 100_000;
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < rounds; i++) {
            sink += call.getAsInt();
        }
        long after = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertThat(sink).isPositive();
        return (after - before) / rounds;
    }

    @Test
    void allowedDecisionAllocatesAtMost200Bytes() {
        long bytes = bytesPerCall(() -> policy.decide("orders", roles, "inventory", "GET", "/items/7").allowed() ? 1 : 0);

        assertThat(bytes).as("bytes allocated per decision").isLessThanOrEqualTo(200);
    }

    @Test
    void publicCheckDoesNotAllocate() {
        long bytes = bytesPerCall(() -> policy.isPublic("inventory", "GET", "/health") ? 1 : 0);

        assertThat(bytes).as("bytes allocated per public check").isZero();
    }

    @Test
    void normalizingAPathWithoutPercentAllocatesOnlyTheResult() {
        long bytes = bytesPerCall(() -> PathNormalizer.normalize("/items/7?verbose=1").path().length());

        assertThat(bytes).as("bytes allocated per normalisation").isLessThanOrEqualTo(100);
    }

    @Test
    void addressLookupDoesNotAllocate() {
        long bytes = bytesPerCall(() -> policy.serviceForAddress("http", "inventory", 8080).isPresent() ? 1 : 0);

        assertThat(bytes).as("bytes allocated per address lookup").isZero();
    }
}
