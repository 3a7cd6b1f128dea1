package dev.rolegate.agent.runtime.outbound;

import dev.rolegate.agent.runtime.fixture.Snapshots;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.bootstrap.OutboundAction;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundDeciderTest {
    private final AtomicReference<PolicySnapshot> policy = new AtomicReference<>(Snapshots.of(1, TestPolicies.INVENTORY));
    private final PolicyServerClient server = new PolicyServerClient(List.of(URI.create("http://localhost:8082")), "orders", "s");
    private final OutboundDecider decider = new OutboundDecider(server::isPolicyServer, policy::get,
            audience -> "token-for-" + audience, "Rolegate-Token");

    @Test
    void attachesTheTokenForTheServiceAtAnExactAddress() {
        OutboundAction a = decider.decide("http", "inventory", 8080, "GET", "/items");
        assertThat(a.headerName()).isEqualTo("Rolegate-Token");
        assertThat(a.headerValue()).isEqualTo("token-for-inventory");
    }

    @Test
    void attachesNothingToAnUnknownDestination() {
        assertThat(decider.decide("http", "inventory", 8081, "GET", "/items")).isNull();
        assertThat(decider.decide("http", "inventory.evil.test", 8080, "GET", "/items")).isNull();
    }

    @Test
    void neverAttachesATokenToThePolicyServerEvenIfThePolicyListsItsAddress() {
        assertThat(decider.decide("http", "localhost", 8082, "GET", "/v1/token")).isNull();
        assertThat(decider.decide("http", "LOCALHOST", 8082, "GET", "/v1/token")).isNull();
    }

    @Test
    void attachesNothingBeforeAPolicyIsLoaded() {
        policy.set(null);
        assertThat(decider.decide("http", "inventory", 8080, "GET", "/items")).isNull();
    }

    @Test
    void attachesNothingWhenNoTokenCouldBeHad() {
        OutboundDecider none = new OutboundDecider(server::isPolicyServer, policy::get, audience -> null, "Rolegate-Token");
        assertThat(none.decide("http", "inventory", 8080, "GET", "/items")).isNull();
    }

    @Test
    void refusesAKnownServiceCallThatTheEgressCheckRefusesWithoutFetchingAToken() {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutboundDecider enforcing = new OutboundDecider(server::isPolicyServer, policy::get, audience -> {
            asked.add(audience);
            return "token-for-" + audience;
        }, "Rolegate-Token", new EgressCheck("orders", dev.rolegate.agent.runtime.config.Egress.ENFORCE,
                dev.rolegate.agent.runtime.audit.AuditSink.discarding(), () -> 0L));

        OutboundAction a = enforcing.decide("http", "inventory", 8080, "DELETE", "/items/7");

        assertThat(a.refusal()).contains("DELETE /items/7 on inventory");
        assertThat(asked).isEmpty();
    }

    @Test
    void egressCheckNeverAppliesToUnknownDestinations() {
        OutboundDecider enforcing = new OutboundDecider(server::isPolicyServer, policy::get, audience -> "t",
                "Rolegate-Token", new EgressCheck("orders", dev.rolegate.agent.runtime.config.Egress.ENFORCE,
                dev.rolegate.agent.runtime.audit.AuditSink.discarding(), () -> 0L));

        assertThat(enforcing.decide("http", "elsewhere", 8080, "DELETE", "/items/7")).isNull();
    }
}
