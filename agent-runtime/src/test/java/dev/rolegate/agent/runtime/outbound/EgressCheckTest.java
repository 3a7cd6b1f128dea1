package dev.rolegate.agent.runtime.outbound;

import dev.rolegate.agent.runtime.audit.AuditJson;
import dev.rolegate.agent.runtime.audit.AuditRecord;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.audit.CapturingOutput;
import dev.rolegate.agent.runtime.config.Egress;
import dev.rolegate.agent.runtime.fixture.Snapshots;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EgressCheckTest {
    private final PolicySnapshot snap = Snapshots.of(3, TestPolicies.INVENTORY);
    private final CapturingOutput out = new CapturingOutput();
    private final AuditSink audit = new AuditSink(List.of(out), 100);

    private EgressCheck check(Egress mode) {
        audit.start();
        return new EgressCheck("orders", mode, audit, () -> 1_000L);
    }

    @AfterEach
    void tearDown() {
        audit.close();
    }

    @Test
    void allowsACallThatARoleBoundToThisIdentityAllows() {
        assertThat(check(Egress.ENFORCE).refusal(snap, "inventory", "GET", "/items/7")).isNull();
    }

    @Test
    void allowsAPublicRequestWithoutAnyRole() {
        // nightly-report has no role on inventory that allows GET /health; the public entry does.
        assertThat(new EgressCheck("nightly-report", Egress.ENFORCE, audit, () -> 0L)
                .refusal(snap, "inventory", "GET", "/health")).isNull();
    }

    @Test
    void enforceRefusesNamingMethodPathServiceAndTheMissingPermission() {
        String refusal = check(Egress.ENFORCE).refusal(snap, "inventory", "DELETE", "/items/7");

        assertThat(refusal).contains("DELETE /items/7 on inventory")
                .contains("orders")
                .contains("ROLEGATE_EGRESS=enforce");
    }

    @Test
    void enforceAuditsAnOutboundDeny() {
        check(Egress.ENFORCE).refusal(snap, "inventory", "DELETE", "/items/7");

        await().atMost(Duration.ofSeconds(10)).until(() -> out.records.size() == 1);
        AuditRecord r = out.records.get(0);
        assertThat(r.decision()).isEqualTo(AuditRecord.DENY);
        assertThat(r.direction()).isEqualTo(AuditRecord.OUTBOUND);
    }

    @Test
    void monitorLetsTheCallGoAndAuditsWouldDenyWithDirectionOutbound() {
        String refusal = check(Egress.MONITOR).refusal(snap, "inventory", "POST", "/items?x=1");

        assertThat(refusal).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.lines.size() == 1);
        assertThat(out.lines.get(0))
                .contains("\"service\":\"inventory\"")
                .contains("\"decision\":\"would-deny\"")
                .contains("\"caller\":\"orders\"")
                .contains("\"method\":\"POST\"")
                .contains("\"path\":\"/items\"")
                .contains("\"rev\":3")
                .contains("\"mode\":\"monitor\"")
                .endsWith(",\"direction\":\"outbound\"}");
    }

    @Test
    void offNeitherRefusesNorAudits() {
        assertThat(check(Egress.OFF).refusal(snap, "inventory", "DELETE", "/items/7")).isNull();
        // A later allowed-by-monitor record proves the sink is running and that OFF wrote nothing before it.
        check(Egress.MONITOR).refusal(snap, "inventory", "POST", "/marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.records.size() == 1);
        assertThat(out.records.get(0).path()).isEqualTo("/marker");
    }

    @Test
    void inboundRecordsKeepTheirFieldsAndSayInbound() {
        AuditRecord inbound = new AuditRecord(0, "inventory", "deny", 403, "orders", null, null, "GET", "/x", "r", 1,
                "enforce");
        assertThat(AuditJson.format(inbound)).endsWith("\"mode\":\"enforce\",\"direction\":\"inbound\"}");
    }
}
