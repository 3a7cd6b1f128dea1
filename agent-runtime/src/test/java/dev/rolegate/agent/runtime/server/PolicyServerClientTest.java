package dev.rolegate.agent.runtime.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyServerClientTest {
    @Test
    void formEncodesIdentityAndSecretInsideBasicAsRfc6749Says() {
        String header = PolicyServerClient.basic("orders", "p@ss:w rd");
        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("orders:p%40ss%3Aw+rd");
    }

    @Test
    void recognisesEveryConfiguredReplicaWithDefaultPorts() {
        PolicyServerClient c = new PolicyServerClient(List.of(URI.create("http://policy"), URI.create("https://[::1]:8443")),
                "orders", "s");
        assertThat(c.isPolicyServer("http", "policy", 80)).isTrue();
        assertThat(c.isPolicyServer("http", "policy", -1)).isTrue();
        assertThat(c.isPolicyServer("https", "policy", 443)).isFalse();
        assertThat(c.isPolicyServer("https", "::1", 8443)).isTrue();
        assertThat(c.isPolicyServer("http", "policy.other", 80)).isFalse();
    }
}
