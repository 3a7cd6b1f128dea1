package dev.rolegate.server.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class BasicClientAuthenticatorTest {
    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void undoesFormUrlEncodingOfIdentityAndSecret() {
        var creds = BasicClientAuthenticator.decode(basic("nightly-report:a%3Ab+c%2F"));

        assertThat(creds).hasValueSatisfying(c -> {
            assertThat(c.identity()).isEqualTo("nightly-report");
            assertThat(c.secret()).isEqualTo("a:b c/");
        });
    }

    @Test
    void neverShowsTheSecretInToString() {
        var creds = BasicClientAuthenticator.decode(basic("orders:topsecret"));

        assertThat(creds.orElseThrow().toString()).doesNotContain("topsecret");
    }

    @Test
    void rejectsHeaderWithoutColon() {
        assertThat(BasicClientAuthenticator.decode(basic("orders"))).isEmpty();
    }

    @Test
    void rejectsInvalidIdentityName() {
        assertThat(BasicClientAuthenticator.decode(basic("Orders:secret"))).isEmpty();
    }

    @Test
    void rejectsBadPercentEncoding() {
        assertThat(BasicClientAuthenticator.decode(basic("orders:%zz"))).isEmpty();
    }
}
