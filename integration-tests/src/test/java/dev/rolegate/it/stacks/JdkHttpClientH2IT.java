package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientLibrarySuite} on {@code java.net.http.HttpClient} asking for HTTP/2 (test-apps/client-jdk,
 * variant {@code h2}). Over cleartext the JDK client opens with an HTTP/1.1 request carrying
 * {@code Upgrade: h2c}; the recording servers speak HTTP/1.1 only and do not upgrade, so the client
 * stays on HTTP/1.1 with them. What this class proves for HTTP/2 is therefore that the upgrade
 * request (the one that would become stream 1) carries the token; requests on a real HTTP/2
 * connection are not observed here.
 */
class JdkHttpClientH2IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "h2");
    }

    @Test
    void http2UpgradeRequestCarriesTheToken() {
        call("GET", "http://127.0.0.1:" + inventoryServer().port() + "/items/" + marker(), false);

        List<RecordingServer.Received> upgrades = inventoryServer().received().stream()
                .filter(received -> "h2c".equalsIgnoreCase(received.header("Upgrade")))
                .toList();
        assertThat(upgrades).as("requests that offered the h2c upgrade").isNotEmpty();
        assertThat(upgrades).allSatisfy(upgrade ->
                assertThat(TokenSource.claims(upgrade.header(TOKEN_HEADER)).path("aud").asText()).isEqualTo("inventory"));
    }
}
