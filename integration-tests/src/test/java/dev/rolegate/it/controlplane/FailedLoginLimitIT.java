package dev.rolegate.it.controlplane;

import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server limits failed token requests per claimed identity and, separately, per source
 * address (ROLEGATE_AUTH_FAILURES_PER_MINUTE=3 here): 429 with Retry-After, before any secret is
 * checked, and the refusals show in /metrics.
 */
class FailedLoginLimitIT {
    @TempDir
    Path dir;
    PolicyServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml(),
                Map.of("ROLEGATE_AUTH_FAILURES_PER_MINUTE", "3"), "orders", "visitor");
    }

    @Test
    void limitsAnIdentityWhoseSecretFailedFromSeveralAddresses() {
        start();
        for (String source : new String[] {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
            assertThat(TokenRequestFrom.send(source, server.port(), "orders", "wrong").status()).isEqualTo(401);
        }

        TokenRequestFrom.Answer right = TokenRequestFrom.send("127.0.0.5", server.port(), "orders",
                server.secretOf("orders"));
        TokenRequestFrom.Answer other = TokenRequestFrom.send("127.0.0.5", server.port(), "visitor",
                server.secretOf("visitor"));

        assertThat(right.status()).as("orders, even with its right secret, from a fresh address").isEqualTo(429);
        assertThat(Long.parseLong(right.retryAfter().orElseThrow())).isBetween(1L, 60L);
        assertThat(other.status()).as("another identity from that address").isEqualTo(200);
    }

    @Test
    void limitsASourceAddressThatFailedForSeveralIdentities() {
        start();
        for (String claimed : new String[] {"orders", "visitor", "ghost"}) {
            assertThat(TokenRequestFrom.send("127.0.0.6", server.port(), claimed, "wrong").status()).isEqualTo(401);
        }

        TokenRequestFrom.Answer sameAddress = TokenRequestFrom.send("127.0.0.6", server.port(), "visitor",
                server.secretOf("visitor"));
        TokenRequestFrom.Answer otherAddress = TokenRequestFrom.send("127.0.0.7", server.port(), "orders",
                server.secretOf("orders"));

        assertThat(sameAddress.status()).as("a right secret from the address over its limit").isEqualTo(429);
        assertThat(Long.parseLong(sameAddress.retryAfter().orElseThrow())).isBetween(1L, 60L);
        assertThat(otherAddress.status()).as("orders (1 failure) from another address").isEqualTo(200);
    }

    @Test
    void countsRefusedAndIssuedTokensPerIdentityInMetricsButNoMadeUpNames() {
        start();
        TokenRequestFrom.send("127.0.0.8", server.port(), "orders", "wrong");
        TokenRequestFrom.send("127.0.0.9", server.port(), "made-up-name", "wrong");
        ControlPlane.token(server, "visitor", "inventory");

        String metrics = ControlPlane.admin(server, "GET", "/metrics", null, null).body();

        assertThat(metrics)
                .contains("rolegate_tokens_refused_total{error=\"invalid_client\",identity=\"orders\"} 1.0")
                .contains("rolegate_tokens_refused_total{error=\"invalid_client\",identity=\"-\"} 1.0")
                .doesNotContain("made-up-name")
                .contains("rolegate_tokens_issued_total{audience=\"inventory\",identity=\"visitor\"} 1.0");
    }
}
