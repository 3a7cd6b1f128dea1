package dev.rolegate.agent.runtime.fleet;

import dev.rolegate.agent.runtime.policy.PolicyWatcher;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.agent.runtime.verify.KeySource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent without client credentials (no secret, no key file) reports nothing to the server: the
 * server would only answer 401, and the agent has already said that it works from its cache only.
 */
class ControlPlaneLinkTest {
    private static final URI UNUSED = URI.create("http://127.0.0.1:9");

    private static ControlPlaneLink connected(PolicyServerClient server) {
        ControlPlaneLink link = ControlPlaneLink.create(server, "enforce");
        link.connect(new PolicyWatcher(server, new KeySource(() -> "{\"keys\":[]}", Runnable::run), null), () -> 0);
        return link;
    }

    @Test
    void sendsNoHeartbeatsWithoutClientCredentials() {
        ControlPlaneLink link = connected(new PolicyServerClient(List.of(UNUSED), "orders", null));

        assertThat(link.sendsHeartbeats()).isFalse();
    }

    @Test
    void shipsNoDecisionRecordsWithoutClientCredentials() {
        ControlPlaneLink link = connected(new PolicyServerClient(List.of(UNUSED), "orders", null));

        assertThat(link.auditOutput()).isNull();
    }

    @Test
    void sendsHeartbeatsAndShipsRecordsWithASecret() {
        ControlPlaneLink link = connected(new PolicyServerClient(List.of(UNUSED), "orders", "s3cret"));

        assertThat(link.sendsHeartbeats()).isTrue();
        assertThat(link.auditOutput()).isNotNull();
    }

    @Test
    void takesTheShippingQueueSizeFromItsSetting() {
        assertThat(ControlPlaneLink.shipQueueCapacity("250")).isEqualTo(250);
    }

    @Test
    void keepsTheDefaultShippingQueueSizeForAMissingOrBadValue() {
        assertThat(ControlPlaneLink.shipQueueCapacity(null)).isEqualTo(10_000);
        assertThat(ControlPlaneLink.shipQueueCapacity("lots")).isEqualTo(10_000);
        assertThat(ControlPlaneLink.shipQueueCapacity("5")).isEqualTo(10_000);
    }
}
