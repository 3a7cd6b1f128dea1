package dev.rolegate.server.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsFileTest {
    private static final String HASH = SecretHasher.hash("secret");

    @Test
    void readsBackWhatItWrites(@TempDir Path dir) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("orders", HASH);
        entries.put("nightly-report", HASH);
        Path file = dir.resolve("credentials.yaml");

        CredentialsFile.write(file, entries);

        assertThat(CredentialsFile.parse(Files.readAllBytes(file))).containsExactlyEntriesOf(entries);
    }

    @Test
    void writesFileReadableByOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials.yaml");

        CredentialsFile.write(file, Map.of("orders", HASH));

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void treatsEmptyFileAsNoCredentials() throws Exception {
        assertThat(CredentialsFile.parse(new byte[0])).isEmpty();
    }

    @Test
    void refusesPlainSecretWithoutEchoingIt() {
        byte[] yaml = "identities:\n  orders:\n    secret: hunter2\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CredentialsFile.parse(yaml))
                .isInstanceOf(CredentialsFile.InvalidCredentialsException.class)
                .hasMessageContaining("identities.orders.secret")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesInvalidIdentityNameAndUnknownField() {
        byte[] yaml = ("identities:\n  Orders:\n    secret: \"" + HASH + "\"\n  jobs:\n    secret: \"" + HASH
                + "\"\n    colour: red\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CredentialsFile.parse(yaml))
                .isInstanceOfSatisfying(CredentialsFile.InvalidCredentialsException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }
}
