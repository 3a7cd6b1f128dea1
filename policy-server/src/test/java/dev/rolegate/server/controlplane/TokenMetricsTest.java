package dev.rolegate.server.controlplane;

import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused token requests are counted per identity, without letting made-up names into the labels. */
class TokenMetricsTest {
    private static final String FORM = TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory"));

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String metrics() throws Exception {
        return server.get("/metrics").body();
    }

    @Test
    void labelsAFailedLoginWithTheClaimedIdentityWhenThePolicyNamesIt() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        server.token(TestServer.basic("orders", "wrong"), FORM);

        assertThat(metrics()).contains("rolegate_tokens_refused_total{error=\"invalid_client\",identity=\"orders\"} 1.0");
    }

    @Test
    void labelsAFailedLoginUnderAMadeUpNameAsUnauthenticated() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        server.token(TestServer.basic("no-such-identity-123", "wrong"), FORM);

        assertThat(metrics()).contains("rolegate_tokens_refused_total{error=\"invalid_client\",identity=\"-\"} 1.0")
                .doesNotContain("no-such-identity-123");
    }

    @Test
    void countsJwksRequests() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        server.get("/.well-known/jwks.json");
        server.get("/.well-known/jwks.json");

        assertThat(metrics()).contains("rolegate_jwks_requests_total 2.0");
    }
}
