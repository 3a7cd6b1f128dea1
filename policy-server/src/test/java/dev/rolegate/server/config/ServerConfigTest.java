package dev.rolegate.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void usesContractDefaults() throws Exception {
        ServerConfig c = ServerConfig.from(Map.of(), props());

        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.policyFile()).isEqualTo(Path.of("policy.yaml"));
        assertThat(c.credentials()).isEqualTo(Path.of("credentials.yaml"));
        assertThat(c.dataDir()).isEqualTo(Path.of("./rolegate-data"));
        assertThat(c.tokenTtlSeconds()).isEqualTo(300);
        assertThat(c.adminSecret()).isEmpty();
        assertThat(c.issuer()).isEmpty();
    }

    @Test
    void systemPropertyOverridesEnvironment() throws Exception {
        ServerConfig c = ServerConfig.from(Map.of("ROLEGATE_PORT", "8000", "ROLEGATE_DATA_DIR", "/env"),
                props("rolegate.port", "9000", "rolegate.data.dir", "/prop"));

        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.dataDir()).isEqualTo(Path.of("/prop"));
    }

    @Test
    void refusesNonNumericPortNamingTheVariable() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_PORT", "http"), props()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ROLEGATE_PORT")
                .hasMessageContaining("\"http\"");
    }

    @Test
    void refusesTokenTtlOutsideFiveTo86400() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_TOKEN_TTL", "4"), props()))
                .hasMessageContaining("ROLEGATE_TOKEN_TTL");
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_TOKEN_TTL", "86401"), props()))
                .hasMessageContaining("ROLEGATE_TOKEN_TTL");
    }

    @Test
    void acceptsTokenTtlAtBothBounds() throws Exception {
        assertThat(ServerConfig.from(Map.of("ROLEGATE_TOKEN_TTL", "5"), props()).tokenTtlSeconds()).isEqualTo(5);
        assertThat(ServerConfig.from(Map.of("ROLEGATE_TOKEN_TTL", "86400"), props()).tokenTtlSeconds()).isEqualTo(86400);
    }

    @Test
    void prefersAdminSecretFileOverVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin");
        Files.writeString(file, "from-file\n");

        ServerConfig c = ServerConfig.from(Map.of("ROLEGATE_ADMIN_SECRET", "from-env",
                "ROLEGATE_ADMIN_SECRET_FILE", file.toString()), props());

        assertThat(c.adminSecret()).isEqualTo(Optional.of("from-file"));
    }

    @Test
    void refusesMissingAdminSecretFileNamingTheVariable(@TempDir Path dir) {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_ADMIN_SECRET_FILE",
                dir.resolve("missing").toString()), props()))
                .hasMessageContaining("ROLEGATE_ADMIN_SECRET_FILE");
    }

    @Test
    void refusesIssuerWithTrailingSlash() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_ISSUER", "https://rg.example/"), props()))
                .hasMessageContaining("ROLEGATE_ISSUER");
    }

    @Test
    void refusesAKeyRotationScheduleShorterThanTokenLifetimePlusActivationDelay() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_KEY_ROTATION", "14s", "ROLEGATE_TOKEN_TTL", "5"),
                props()))
                .hasMessageContaining("ROLEGATE_KEY_ROTATION").hasMessageContaining("ROLEGATE_TOKEN_TTL")
                .hasMessageContaining("15s");
    }

    @Test
    void acceptsAKeyRotationScheduleOfExactlyTokenLifetimePlusActivationDelay() throws Exception {
        ServerConfig c = ServerConfig.from(Map.of("ROLEGATE_KEY_ROTATION", "15s", "ROLEGATE_TOKEN_TTL", "5"), props());

        assertThat(c.keyRotation()).contains(java.time.Duration.ofSeconds(15));
    }

    @Test
    void refusesAMalformedKeyRotationNamingTheVariable() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ROLEGATE_KEY_ROTATION", "monthly"), props()))
                .hasMessageContaining("ROLEGATE_KEY_ROTATION").hasMessageContaining("monthly");
    }
}
