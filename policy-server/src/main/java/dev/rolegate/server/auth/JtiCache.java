package dev.rolegate.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Replay protection for client assertions: each (identity, jti) is accepted once, and remembered
 * until the assertion expires (after that its {@code exp} refuses it anyway). Bounded: when full,
 * expired entries are dropped; if it is still full, new assertions are refused (fail closed) until
 * room is made, rather than forgetting an unexpired one.
 */
public final class JtiCache {
    static final int MAX_ENTRIES = 200_000;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    public JtiCache(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Records the jti; false when it was seen before (a replay) or there is no room. */
    public boolean firstUse(String identity, String jti, long expiresAtMillis) {
        long now = clockMillis.getAsLong();
        if (seen.size() >= MAX_ENTRIES) {
            seen.values().removeIf(exp -> exp < now);
            if (seen.size() >= MAX_ENTRIES) {
                return false;
            }
        }
        return seen.putIfAbsent(identity + "\u0000" + jti, expiresAtMillis) == null;
    }
}
