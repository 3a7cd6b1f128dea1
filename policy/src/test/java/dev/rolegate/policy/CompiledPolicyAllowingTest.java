package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledPolicy#allowing}, the allocation-free form of {@link CompiledPolicy#decide} that
 * the agent's inbound hot path uses: it must allow exactly what decide allows, with the same
 * granting role and rule, and deny (null) everything else.
 */
class CompiledPolicyAllowingTest {
    private final CompiledPolicy policy = TestPolicies.base();

    @Test
    void grantsWithTheSameRoleAndRuleAsDecide() {
        Decision decided = policy.decide("nightly-report", List.of("inventory-reader", "inventory-writer"), "inventory",
                "PUT", "/items/7");

        Decision fast = policy.allowing("nightly-report", List.of("inventory-reader", "inventory-writer"), "inventory",
                "PUT", "/items/7");

        assertThat(fast).isNotNull();
        assertThat(fast.allowed()).isTrue();
        assertThat(fast.role()).isEqualTo(decided.role()).isEqualTo("inventory-writer");
        assertThat(fast.rule()).isEqualTo(decided.rule()).isEqualTo("POST,PUT /items/{id}");
    }

    @Test
    void reasonNamesTheGrantingRoleRuleAndService() {
        Decision fast = policy.allowing("orders", List.of("inventory-reader"), "inventory", "GET", "/items/7");

        assertThat(fast.reason()).isEqualTo("role inventory-reader allows GET,HEAD /items/* on inventory");
    }

    @Test
    void isNullForEveryRequestThatDecideDenies() {
        List<Object[]> denied = List.of(
                new Object[] {"orders", List.of("inventory-reader"), "inventory", "POST", "/items/7"},
                new Object[] {"orders", List.of("inventory-writer"), "inventory", "PUT", "/items/7"},
                new Object[] {"orders", List.of(), "inventory", "GET", "/items/7"},
                new Object[] {"orders", List.of("inventory-reader"), "inventory", "GET", "/other"},
                new Object[] {"visitor", List.of("inventory-reader"), "inventory", "GET", "/items/7"},
                new Object[] {"nobody", List.of("inventory-reader"), "inventory", "GET", "/items/7"},
                new Object[] {"orders", List.of("inventory-reader"), "orders", "GET", "/items/7"});
        for (Object[] r : denied) {
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) r[1];
            assertThat(policy.decide((String) r[0], roles, (String) r[2], (String) r[3], (String) r[4]).allowed())
                    .as("decide %s", List.of(r)).isFalse();
            assertThat(policy.allowing((String) r[0], roles, (String) r[2], (String) r[3], (String) r[4]))
                    .as("allowing %s", List.of(r)).isNull();
        }
    }

    @Test
    void allocatesNothingForAnAllowedRequest() {
        List<String> roles = List.of("inventory-reader");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += policy.allowing("orders", roles, "inventory", "GET", "/items/7").role().length();
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 100_000; i++) {
            sink += policy.allowing("orders", roles, "inventory", "GET", "/items/7").role().length();
        }
        long perCall = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 100_000;

        assertThat(sink).isPositive();
        assertThat(perCall).as("bytes allocated per call").isZero();
    }
}
