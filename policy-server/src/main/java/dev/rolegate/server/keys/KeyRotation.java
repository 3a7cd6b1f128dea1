package dev.rolegate.server.keys;

import dev.rolegate.server.Log;
import dev.rolegate.server.policy.PolicyStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rotates the signing key on demand (admin endpoint) and on the {@code ROLEGATE_KEY_ROTATION}
 * schedule, then re-publishes the policy so that watching agents fetch the new JWKS before any
 * token is signed with the new key (see {@link SigningKeys}).
 */
public final class KeyRotation {
    private final SigningKeys keys;
    private final PolicyStore policy;
    private final Clock clock;

    public KeyRotation(SigningKeys keys, PolicyStore policy, Clock clock) {
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    /** Rotates now; returns the new kid. */
    public synchronized String rotate(String author) throws IOException {
        String kid = keys.rotate();
        policy.republish(author);
        return kid;
    }

    /** Checks once a minute (or more often for short periods) whether the key is due. */
    public void schedule(Optional<Duration> every, ScheduledExecutorService scheduler) {
        if (every.isEmpty()) {
            return;
        }
        Duration period = every.get();
        long checkMillis = Math.max(1_000, Math.min(60_000, period.toMillis() / 4));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!clock.instant().isBefore(keys.rotatedAt().plus(period))) {
                    rotate("schedule");
                }
            } catch (IOException | RuntimeException e) {
                Log.error("scheduled signing-key rotation failed, retrying later: " + e);
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        Log.info("Signing keys rotate every " + period + " (ROLEGATE_KEY_ROTATION)");
    }
}
