package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy server's built-in demo policy (a copy kept in test resources) must stay valid. */
class DemoPolicyTest {

    private static String demo() throws IOException {
        try (InputStream in = DemoPolicyTest.class.getResourceAsStream("demo-policy.yaml")) {
            assertThat(in).as("demo-policy.yaml on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void demoPolicyParsesCleanly() throws Exception {
        PolicyDocument doc = PolicyParser.parse(demo(), "demo-policy.yaml");

        assertThat(doc.services()).containsOnlyKeys("inventory", "orders");
    }

    @Test
    void demoPolicyLetsOrdersReadInventoryButNotWrite() throws Exception {
        CompiledPolicy policy = CompiledPolicy.compile(PolicyParser.parse(demo(), "demo-policy.yaml"));

        assertThat(policy.decide("orders", List.of("inventory-reader"), "inventory", "GET", "/items/7").allowed()).isTrue();
        assertThat(policy.decide("orders", List.of("inventory-reader"), "inventory", "POST", "/items/7").allowed()).isFalse();
        assertThat(policy.serviceForAddress("http", "localhost", 8082)).contains("inventory");
    }
}
