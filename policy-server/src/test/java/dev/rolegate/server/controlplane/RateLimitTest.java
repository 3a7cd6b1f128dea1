package dev.rolegate.server.controlplane;

import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static final String FORM = TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory"));

    @Test
    void answers429WithRetryAfterOnceFailuresExceedTheLimit() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1, Optional.of(TestServer.ADMIN_SECRET),
                Map.of("ROLEGATE_AUTH_FAILURES_PER_MINUTE", "3"));
        for (int i = 0; i < 3; i++) {
            assertThat(server.token(TestServer.basic("orders", "wrong-" + i), FORM).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> r = server.token(TestServer.basic("orders", "wrong-again"), FORM);

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    void limitsTheSourceAddressAcrossIdentities() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1, Optional.of(TestServer.ADMIN_SECRET),
                Map.of("ROLEGATE_AUTH_FAILURES_PER_MINUTE", "3"));
        for (String who : new String[] {"orders", "visitor", "nightly-report"}) {
            server.token(TestServer.basic(who, "wrong"), FORM);
        }

        // A correct secret from the same address is refused too: the address is over its limit.
        assertThat(server.tokenFor("ghost", "inventory").statusCode()).isEqualTo(429);
    }

    @Test
    void successfulRequestsAreNotCounted() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1, Optional.of(TestServer.ADMIN_SECRET),
                Map.of("ROLEGATE_AUTH_FAILURES_PER_MINUTE", "3"));
        for (int i = 0; i < 5; i++) {
            assertThat(server.tokenFor("orders", "inventory").statusCode()).isEqualTo(200);
        }
    }
}
