package dev.rolegate.agent.runtime.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowShippingTest {
    static AuditRecord record(String decision) {
        return new AuditRecord(0, "inventory", decision, 0, "orders", List.of(), null, "GET", "/items", "r", 1,
                "enforce");
    }

    @Test
    void alwaysShipsDeniesEvenWhenAllowsAreNotShipped() {
        AllowShipping none = AllowShipping.parse("none");

        assertThat(none.ships(record(AuditRecord.DENY), () -> 0.5)).isTrue();
        assertThat(none.ships(record(AuditRecord.WOULD_DENY), () -> 0.5)).isTrue();
        assertThat(none.ships(record(AuditRecord.ALLOW), () -> 0.0)).isFalse();
    }

    @Test
    void samplesAllowsWithTheConfiguredProbability() {
        AllowShipping sample = AllowShipping.parse("sample:0.25");

        assertThat(sample.ships(record(AuditRecord.ALLOW), () -> 0.2)).isTrue();
        assertThat(sample.ships(record(AuditRecord.ALLOW), () -> 0.3)).isFalse();
    }

    @Test
    void shipsOneAllowInTenByDefault() {
        assertThat(AllowShipping.parse(null)).isEqualTo(new AllowShipping(0.1));
        assertThat(AllowShipping.parse("all").ships(record(AuditRecord.ALLOW), () -> 0.99)).isTrue();
    }

    @Test
    void rejectsAnUnknownValueNamingTheSetting() {
        assertThatThrownBy(() -> AllowShipping.parse("sample:2")).hasMessageContaining("ROLEGATE_AUDIT_SHIP_ALLOWS");
        assertThatThrownBy(() -> AllowShipping.parse("some")).hasMessageContaining("ROLEGATE_AUDIT_SHIP_ALLOWS");
    }
}
