package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceForAddressTest {
    private final CompiledPolicy policy = TestPolicies.base();

    @Test
    void bareAddressMatchesHttp() {
        assertThat(policy.serviceForAddress("http", "inventory", 8080)).contains("inventory");
    }

    @Test
    void bareAddressMatchesHttps() {
        assertThat(policy.serviceForAddress("https", "inventory", 8080)).contains("inventory");
    }

    @Test
    void httpsAddressDoesNotMatchHttp() {
        assertThat(policy.serviceForAddress("http", "secure.example", 8443)).isEmpty();
    }

    @Test
    void httpsAddressMatchesHttps() {
        assertThat(policy.serviceForAddress("https", "secure.example", 8443)).contains("inventory");
    }

    @Test
    void hostComparisonIgnoresAsciiCase() {
        assertThat(policy.serviceForAddress("HTTP", "InVentory", 8080)).contains("inventory");
    }

    @Test
    void otherPortDoesNotMatch() {
        assertThat(policy.serviceForAddress("http", "inventory", 80)).isEmpty();
    }

    @Test
    void hostWithAttackerSuffixDoesNotMatch() {
        assertThat(policy.serviceForAddress("http", "inventory.attacker.example", 8080)).isEmpty();
    }

    @Test
    void hostWithPrefixDoesNotMatch() {
        assertThat(policy.serviceForAddress("http", "evil-inventory", 8080)).isEmpty();
    }

    @Test
    void hostWithTrailingDotDoesNotMatch() {
        assertThat(policy.serviceForAddress("http", "inventory.", 8080)).isEmpty();
    }

    @Test
    void cyrillicLookAlikeHostDoesNotMatch() {
        assertThat(policy.serviceForAddress("http", "inv\u0435ntory", 8080)).isEmpty();
    }

    @Test
    void ipv6MatchesWithBrackets() {
        assertThat(policy.serviceForAddress("http", "[::1]", 9090)).contains("inventory");
    }

    @Test
    void ipv6MatchesWithoutBrackets() {
        assertThat(policy.serviceForAddress("http", "::1", 9090)).contains("inventory");
    }

    @Test
    void otherSchemeNeverMatches() {
        assertThat(policy.serviceForAddress("ws", "inventory", 8080)).isEmpty();
    }

    @Test
    void nullSchemeOrHostNeverMatches() {
        assertThat(policy.serviceForAddress(null, "inventory", 8080)).isEmpty();
        assertThat(policy.serviceForAddress("http", null, 8080)).isEmpty();
    }

    @Test
    void eachServiceIsFoundByItsOwnAddress() {
        assertThat(policy.serviceForAddress("http", "localhost", 8081)).contains("orders");
        assertThat(policy.serviceForAddress("http", "localhost", 8082)).contains("inventory");
    }
}
