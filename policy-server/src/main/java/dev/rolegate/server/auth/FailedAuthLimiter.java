package dev.rolegate.server.auth;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits failed token requests per claimed identity and per source address: after
 * {@code maxFailures} failures within a fixed window, further requests from that identity or
 * address are answered 429 with {@code Retry-After} until the window ends, before any secret is
 * checked, so that guessing is slow and a flood cannot keep the PBKDF2 threads busy.
 *
 * <p>Keys are prefixed ({@code id:}, {@code ip:}) so an identity cannot lock out an address of the
 * same spelling. The table is bounded: when full, expired windows are dropped, and if it is still
 * full new keys are not tracked (failing open on tracking, never on authentication itself).
 */
public final class FailedAuthLimiter {
    static final int MAX_KEYS = 100_000;
    private final int maxFailures;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long start;
        int failures;
    }

    public FailedAuthLimiter(int maxFailures, long windowMillis, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Key of a claimed identity (which may not exist: guessing names is limited too). */
    public static String identityKey(String identity) {
        return "id:" + identity;
    }

    /** Key of a source address. */
    public static String addressKey(String address) {
        return "ip:" + address;
    }

    /** Seconds to wait when any key is over its limit, else empty. */
    public OptionalLong retryAfterSeconds(String... keys) {
        long now = clock.getAsLong();
        long wait = 0;
        for (String k : keys) {
            if (k == null) {
                continue;
            }
            Window w = windows.get(k);
            if (w == null) {
                continue;
            }
            synchronized (w) {
                long end = w.start + windowMillis;
                if (w.failures >= maxFailures && now < end) {
                    wait = Math.max(wait, (end - now + 999) / 1000);
                }
            }
        }
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    /** Counts one failure against every key. */
    public void recordFailure(String... keys) {
        long now = clock.getAsLong();
        for (String k : keys) {
            if (k == null) {
                continue;
            }
            if (!windows.containsKey(k) && windows.size() >= MAX_KEYS) {
                windows.values().removeIf(w -> {
                    synchronized (w) {
                        return now >= w.start + windowMillis;
                    }
                });
                if (windows.size() >= MAX_KEYS) {
                    continue;
                }
            }
            Window w = windows.computeIfAbsent(k, x -> new Window());
            synchronized (w) {
                if (w.failures == 0 || now >= w.start + windowMillis) {
                    w.start = now;
                    w.failures = 0;
                }
                w.failures++;
            }
        }
    }

    /** The identity a request claims to be (Basic user, {@code client_id} or the assertion's {@code sub}), or null. */
    public static String claimedIdentity(ClientAuthRequest request) {
        var basic = BasicClientAuthenticator.decode(request.authorization());
        if (basic.isPresent()) {
            return basic.get().identity();
        }
        String clientId = request.form().get("client_id");
        if (clientId != null) {
            return clientId.length() > 63 ? null : clientId;
        }
        String assertion = request.form().get("client_assertion");
        return assertion == null ? null : PrivateKeyJwtAuthenticator.claimedIdentity(assertion);
    }
}
