package dev.rolegate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Header collection and sanitising shared by server adapters (no bridge state involved). */
class InboundGateTest {
    private static final String TOKEN = "Rolegate-Token";

    @Test
    void collectsEveryValueAcrossDifferentlyCasedKeys() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Rolegate-token", List.of("one", "two"));
        headers.put("ROLEGATE-TOKEN", List.of("three"));

        assertThat(InboundGate.values(headers, TOKEN)).containsExactly("one", "two", "three");
    }

    @Test
    void collectsEveryMethodOverrideHeader() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-http-method-override", List.of("DELETE"));
        headers.put("X-Method-Override", List.of("PUT"));

        assertThat(InboundGate.overrideMethods(headers)).containsExactly("DELETE", "PUT");
    }

    @Test
    void sanitisingRemovesTokenAndClientCallerAndAddsVerifiedCaller() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Rolegate-token", List.of("t"));
        headers.put("rolegate-caller", List.of("admin"));
        headers.put("Accept", List.of("text/plain"));

        Map<String, List<String>> result = InboundGate.sanitized(headers, TOKEN, "orders");

        assertThat(result).containsOnlyKeys("Accept", InboundDecision.CALLER_HEADER);
        assertThat(result.get(InboundDecision.CALLER_HEADER)).containsExactly("orders");
        assertThat(InboundGate.isSanitized(result, TOKEN, "orders")).isTrue();
    }

    @Test
    void sanitisingWithoutCallerLeavesNoCallerHeader() {
        Map<String, List<String>> result = InboundGate.sanitized(Map.of("Rolegate-Caller", List.of("admin")),
                TOKEN, null);

        assertThat(result).isEmpty();
        assertThat(InboundGate.isSanitized(result, TOKEN, null)).isTrue();
    }

    @Test
    void headersStillCarryingATokenAreNotSanitised() {
        assertThat(InboundGate.isSanitized(Map.of("rolegate-token", List.of("t")), TOKEN, null)).isFalse();
    }

    @Test
    void headersWithAClientCallerAreNotSanitised() {
        assertThat(InboundGate.isSanitized(Map.of("Rolegate-Caller", List.of("admin")), TOKEN, null)).isFalse();
        assertThat(InboundGate.isSanitized(Map.of("Rolegate-Caller", List.of("admin")), TOKEN, "orders")).isFalse();
    }

    @Test
    void internalErrorNeverProceeds() {
        InboundDecision decision = InboundGate.internalError();

        assertThat(decision.proceed()).isFalse();
        assertThat(decision.status()).isEqualTo(500);
    }
}
