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
 * connection are observed by {@code dev.rolegate.it.outbound.JdkHttpClientHttp2IT}.
 */
class JdkHttpClientH2IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-jdk", "testapp.jdk.Main", "h2");
    }

    /**
     * Every upgrade request addressed to the listed authority (its {@code Host} header) carries the
     * token; the look-alike cases send upgrade requests to the same socket under other names, which
     * must carry none (checked by those cases).
     */
    @Test
    void http2UpgradeRequestCarriesTheToken() {
        String listedAuthority = "127.0.0.1:" + inventoryServer().port();
        call("GET", "http://" + listedAuthority + "/items/" + marker(), false);

        List<RecordingServer.Received> upgrades = inventoryServer().received().stream()
                .filter(received -> "h2c".equalsIgnoreCase(received.header("Upgrade")))
                .filter(received -> listedAuthority.equals(received.header("Host")))
                .toList();
        assertThat(upgrades).as("requests to %s that offered the h2c upgrade", listedAuthority).isNotEmpty();
        assertThat(upgrades).allSatisfy(upgrade ->
                assertThat(TokenSource.claims(upgrade.header(TOKEN_HEADER)).path("aud").asText()).isEqualTo("inventory"));
    }
}
