package dev.rolegate.server.cli;

import dev.rolegate.server.credentials.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code credentials add IDENTITY --public-key FILE}: only EC P-256 public keys in PEM are stored. */
class CredentialsAddPublicKeyTest {
    @TempDir
    Path dir;

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private Path pem(String name, String label, byte[] der) throws Exception {
        return Files.writeString(dir.resolve(name), "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n");
    }

    @Test
    void storesAP256PublicKeyAndPrintsNoSecret() throws Exception {
        KeyPair pair = ec("secp256r1");
        Path key = pem("orders.pub.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
        Path file = dir.resolve("credentials.yaml");

        CliRun run = CliRun.of("credentials", "add", "orders", "--public-key", key.toString(), "--file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("private_key_jwt").doesNotContain("shown once");
        assertThat(CredentialsFile.parseEntries(Files.readAllBytes(file)).get("orders").publicKey())
                .isEqualTo(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    @Test
    void refusesAP384KeyNamingTheFileAndWritesNothing() throws Exception {
        Path key = pem("p384.pub.pem", "PUBLIC KEY", ec("secp384r1").getPublic().getEncoded());
        Path file = dir.resolve("credentials.yaml");

        CliRun run = CliRun.of("credentials", "add", "orders", "--public-key", key.toString(), "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(key.toString()).contains("is not an EC P-256 public key");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAPrivateKeyGivenByMistake() throws Exception {
        Path key = pem("orders.key.pem", "PRIVATE KEY", ec("secp256r1").getPrivate().getEncoded());

        CliRun run = CliRun.of("credentials", "add", "orders", "--public-key", key.toString(),
                "--file", dir.resolve("credentials.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a PEM public key");
    }
}
