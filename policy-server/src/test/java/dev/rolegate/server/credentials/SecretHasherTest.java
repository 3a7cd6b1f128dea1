package dev.rolegate.server.credentials;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretHasherTest {
    private static final String SECRET = "s3cret-value";
    private static final String HASH = SecretHasher.hash(SECRET);

    @Test
    void encodesSchemeIterationsSaltAndHashWithoutThePlaintext() {
        assertThat(HASH).startsWith("pbkdf2-sha256$210000$").doesNotContain(SECRET);
        SecretHasher.EncodedHash parsed = SecretHasher.parse(HASH);
        assertThat(parsed.iterations()).isGreaterThanOrEqualTo(210_000);
        assertThat(parsed.salt()).hasSize(16);
        assertThat(parsed.hash()).hasSize(32);
    }

    @Test
    void saltsEveryHashDifferently() {
        assertThat(SecretHasher.hash(SECRET)).isNotEqualTo(HASH);
    }

    @Test
    void verifiesTheRightSecret() {
        assertThat(SecretHasher.verify(SECRET, SecretHasher.parse(HASH))).isTrue();
    }

    @Test
    void rejectsAWrongSecret() {
        assertThat(SecretHasher.verify(SECRET + "x", SecretHasher.parse(HASH))).isFalse();
    }

    @Test
    void rejectsAnEmptySecret() {
        assertThat(SecretHasher.verify("", SecretHasher.parse(HASH))).isFalse();
    }

    @Test
    void refusesTooFewIterations() {
        String weak = HASH.replace("$210000$", "$1000$");

        assertThatThrownBy(() -> SecretHasher.parse(weak)).hasMessageContaining("iterations");
    }

    @Test
    void refusesAPlainSecretInPlaceOfAHash() {
        assertThatThrownBy(() -> SecretHasher.parse("just-a-password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("just-a-password");
    }

    @Test
    void spendsWorkForUnknownIdentitiesAndAnswersFalse() {
        assertThat(SecretHasher.verifyAgainstNothing(SECRET)).isFalse();
    }
}
