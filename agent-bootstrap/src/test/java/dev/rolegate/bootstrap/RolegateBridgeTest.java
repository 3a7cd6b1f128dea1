package dev.rolegate.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge is static state, so these tests run in one order inside one class: before
 * installation, with enforcement expected, then with hooks that throw.
 */
class RolegateBridgeTest {

    @Test
    void failsClosedFromExpectedEnforcementThroughThrowingHooks() {
        // Before premain declares enforcement, nothing is decided: the agent is absent or off.
        assertThat(RolegateBridge.active()).isFalse();
        assertThat(RolegateBridge.decideInbound("GET", "/", null, null).proceed()).isTrue();
        assertThat(RolegateBridge.decideInbound("GET", "/", "/", null, null).proceed()).isTrue();

        // Enforcement expected but no runtime yet: 503 problem+json.
        RolegateBridge.expectEnforcement("X-Test-Token");
        InboundDecision starting = RolegateBridge.decideInbound("GET", "/items", null, null);
        assertThat(starting.proceed()).isFalse();
        assertThat(starting.status()).isEqualTo(503);
        assertThat(new String(starting.body(), StandardCharsets.UTF_8)).contains("\"status\":503");
        assertThat(RolegateBridge.tokenHeader()).isEqualTo("X-Test-Token");
        assertThat(RolegateBridge.decideInbound("GET", "/items", "/items", null, null).status()).isEqualTo(503);

        // A runtime that throws must never let a request through, and outbound fails open.
        RolegateBridge.install(new ThrowingHooks());
        InboundDecision failed = RolegateBridge.decideInbound("GET", "/items", new String[] {"t"}, new String[0]);
        assertThat(failed.proceed()).isFalse();
        assertThat(failed.status()).isEqualTo(500);
        InboundDecision failedRouted = RolegateBridge.decideInbound("GET", "/items", "/items",
                new String[] {"t"}, new String[0]);
        assertThat(failedRouted.proceed()).isFalse();
        assertThat(failedRouted.status()).isEqualTo(500);
        assertThat(RolegateBridge.decideOutbound("http", "localhost", 80, "GET", "/")).isNull();
    }

    private static final class ThrowingHooks implements AgentHooks {
        @Override
        public InboundDecision decideInbound(String method, String target, String[] tokenValues,
                                             String[] overrideMethods) {
            throw new IllegalStateException("injected");
        }

        @Override
        public OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
            throw new IllegalStateException("injected");
        }

        @Override
        public String tokenHeader() {
            return "X-Test-Token";
        }
    }
}
