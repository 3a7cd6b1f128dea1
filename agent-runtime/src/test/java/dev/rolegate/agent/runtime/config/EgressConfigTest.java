package dev.rolegate.agent.runtime.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EgressConfigTest {
    private final Map<String, String> env = new HashMap<>(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_SECRET", "s"));
    private final Properties props = new Properties();

    @Test
    void egressDefaultsToMonitor() {
        assertThat(AgentConfig.parse(env, props).egress()).isEqualTo(Egress.MONITOR);
    }

    @Test
    void egressIsReadFromTheEnvironmentIgnoringCase() {
        env.put("ROLEGATE_EGRESS", " Enforce ");
        AgentConfig c = AgentConfig.parse(env, props);
        assertThat(c.egress()).isEqualTo(Egress.ENFORCE);
        assertThat(c.errors()).isEmpty();
    }

    @Test
    void egressSystemPropertyOverridesTheEnvironment() {
        env.put("ROLEGATE_EGRESS", "enforce");
        props.setProperty("rolegate.egress", "off");
        assertThat(AgentConfig.parse(env, props).egress()).isEqualTo(Egress.OFF);
    }

    @Test
    void badEgressValueIsOneErrorLineNamingTheVariable() {
        env.put("ROLEGATE_EGRESS", "block");
        AgentConfig c = AgentConfig.parse(env, props);
        assertThat(c.errors()).hasSize(1);
        assertThat(c.errors().get(0)).startsWith("ROLEGATE_EGRESS=\"block\" is not one of off, monitor, enforce")
                .doesNotContain("\n");
    }
}
