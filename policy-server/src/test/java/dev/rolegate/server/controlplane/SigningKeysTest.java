package dev.rolegate.server.controlplane;

import dev.rolegate.server.keys.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-03T18:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void signsTokensWithTheNewKeyOnlyAfterTheActivationDelay() throws Exception {
        ManualClock clock = new ManualClock();
        SigningKeys keys = SigningKeys.loadOrCreate(dir, clock);
        String first = keys.currentKeyId();

        String second = keys.rotate();
        String duringDelay = keys.tokenKey().kid();
        clock.now = clock.now.plus(SigningKeys.ACTIVATION_DELAY).plus(Duration.ofMillis(1));

        assertThat(duringDelay).isEqualTo(first);
        assertThat(keys.tokenKey().kid()).isEqualTo(second);
        assertThat(keys.bundleKey().kid()).isEqualTo(second);
    }

    @Test
    void stopsPublishingTheKeyFromTwoRotationsAgo() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir, new ManualClock());
        String first = keys.currentKeyId();

        keys.rotate();
        keys.rotate();

        assertThat(keys.publicJwks().getKeys()).hasSize(2);
        assertThat(keys.publicJwks().getKeyByKeyId(first)).isNull();
    }
}
