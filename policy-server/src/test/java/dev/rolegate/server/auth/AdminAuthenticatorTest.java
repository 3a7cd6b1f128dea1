package dev.rolegate.server.auth;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuthenticatorTest {
    private final AdminAuthenticator admin = new AdminAuthenticator(Optional.of("the-admin-secret"));

    @Test
    void acceptsBearerAdminSecret() {
        assertThat(admin.isAdmin("Bearer the-admin-secret")).isTrue();
    }

    @Test
    void rejectsPrefixOfAdminSecret() {
        assertThat(admin.isAdmin("Bearer the-admin")).isFalse();
    }

    @Test
    void rejectsEverythingWhenNoSecretIsConfigured() {
        AdminAuthenticator none = new AdminAuthenticator(Optional.empty());

        assertThat(none.enabled()).isFalse();
        assertThat(none.isAdmin("Bearer ")).isFalse();
    }
}
