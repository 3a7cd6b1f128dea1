package dev.rolegate.agent.runtime.verify;

import com.nimbusds.jose.jwk.JWKSet;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The policy server's signing keys (its JWKS) as last fetched or loaded from the cache. A refetch
 * is allowed at most once per {@link #MIN_REFETCH_INTERVAL_NANOS}, however many unknown key ids
 * arrive, so forged tokens cannot turn the agent into a load generator against the server.
 */
public final class KeySource {
    /** At most one JWKS fetch per 5 seconds. */
    public static final long MIN_REFETCH_INTERVAL_NANOS = 5_000_000_000L;

    /** Fetches the current JWKS from the server. */
    @FunctionalInterface
    public interface Fetcher {
        /** The JWKS as JSON text. */
        String fetch() throws Exception;
    }

    private final Fetcher fetcher;
    private final Executor executor;
    private final AtomicLong lastFetchNanos = new AtomicLong(System.nanoTime() - MIN_REFETCH_INTERVAL_NANOS - 1);
    private volatile Keys current;

    /** The trusted keys with the JSON they came from and a generation number that changes with them. */
    public record Keys(JWKSet set, String json, long generation) {
    }

    public KeySource(Fetcher fetcher, Executor executor) {
        this.fetcher = fetcher;
        this.executor = executor;
    }

    /** The current keys, or null before any were fetched or loaded. */
    public Keys current() {
        return current;
    }

    /** Trusts {@code json} as the server's keys (after a fetch or a verified cache load). */
    public synchronized Keys set(String json) throws java.text.ParseException {
        JWKSet parsed = JWKSet.parse(json).toPublicJWKSet();
        Keys prev = current;
        if (prev != null && prev.json().equals(json)) {
            return prev;
        }
        Keys k = new Keys(parsed, json, prev == null ? 1 : prev.generation() + 1);
        current = k;
        return k;
    }

    /**
     * Fetches the keys now unless a fetch happened less than 5 s ago.
     *
     * @return whether a fetch happened and succeeded
     */
    public boolean refetchIfAllowed() throws Exception {
        if (!claimFetchSlot()) {
            return false;
        }
        set(fetcher.fetch());
        return true;
    }

    /** Fetches unconditionally (first start). */
    public Keys fetchNow() throws Exception {
        lastFetchNanos.set(System.nanoTime());
        return set(fetcher.fetch());
    }

    /** Asks for a refetch in the background (rate limited); used when a token names an unknown key. */
    public void requestRefetch() {
        if (!claimFetchSlot()) {
            return;
        }
        executor.execute(() -> {
            try {
                set(fetcher.fetch());
            } catch (Exception e) {
                dev.rolegate.agent.runtime.Log.rateLimited("jwks-fetch", 60_000,
                        "cannot fetch the policy server's signing keys: "
                                + dev.rolegate.agent.runtime.server.PolicyServerClient.describe(e));
            }
        });
    }

    private boolean claimFetchSlot() {
        long now = System.nanoTime();
        long last = lastFetchNanos.get();
        return now - last >= MIN_REFETCH_INTERVAL_NANOS && lastFetchNanos.compareAndSet(last, now);
    }
}
