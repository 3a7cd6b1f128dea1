package dev.rolegate.agent.runtime.token;

import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.server.PolicyServerClient;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The tokens this workload attaches to its outgoing calls, one per audience, shared by the whole JVM.
 *
 * <p>A token is renewed from about 80 % of its lifetime on, in the background; concurrent callers
 * share one renewal. A caller without any valid token waits at most {@link #firstTokenWait} for one,
 * then its call goes out without. An expired token is never handed out; a renewal that fails keeps
 * the still-valid old token. When a new policy revision changes this workload's roles on an audience,
 * that audience's token is renewed at once.
 */
public final class TokenClient {
    static final Duration DEFAULT_FIRST_TOKEN_WAIT = Duration.ofSeconds(2);
    static final long MIN_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 10_000;
    static final long ERROR_LOG_INTERVAL_MILLIS = 60_000;

    private final String identity;
    private final TokenRequester requester;
    private final Executor executor;
    private final LongSupplier clock;
    private final Duration firstTokenWait;
    private final ConcurrentHashMap<String, Audience> audiences = new ConcurrentHashMap<>();

    public TokenClient(String identity, PolicyServerClient server, Executor executor, LongSupplier clock) {
        this(identity, server, executor, clock, DEFAULT_FIRST_TOKEN_WAIT);
    }

    TokenClient(String identity, PolicyServerClient server, Executor executor, LongSupplier clock, Duration firstTokenWait) {
        this.identity = identity;
        this.requester = new TokenRequester(server, clock);
        this.executor = executor;
        this.clock = clock;
        this.firstTokenWait = firstTokenWait;
    }

    /**
     * A token for calls to {@code audience}, or null when none can be had in time. Blocks at most
     * {@link #DEFAULT_FIRST_TOKEN_WAIT} and only when no valid token is cached.
     */
    public String tokenFor(String audience) {
        Audience a = audiences.computeIfAbsent(audience, Audience::new);
        long now = clock.getAsLong();
        IssuedToken t = a.token;
        if (t != null && now < t.renewAt()) {
            return t.value();
        }
        if (t != null && now < t.expiresAt()) {
            a.renew(now, false);
            return t.value();
        }
        CompletableFuture<IssuedToken> f = a.renew(now, false);
        if (f != null) {
            try {
                IssuedToken fresh = f.get(firstTokenWait.toMillis(), TimeUnit.MILLISECONDS);
                if (clock.getAsLong() < fresh.expiresAt()) {
                    return fresh.value();
                }
            } catch (TimeoutException e) {
                Log.rateLimited("token-wait:" + audience, ERROR_LOG_INTERVAL_MILLIS, "no token for audience " + audience
                        + " within " + firstTokenWait.toMillis() + " ms; the call goes out without a token");
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                // The reason is already in lastError; the summary below reports it at most once a minute.
                a.lastError = describe(e.getCause());
            }
        }
        Log.rateLimited("token-none:" + audience, ERROR_LOG_INTERVAL_MILLIS, "ERROR no valid token for audience " + audience
                + " (" + a.lastError + "); calls to " + audience + " go out without a token and will be refused there");
        return null;
    }

    /** Policy listener: renews the tokens whose roles the new revision changes. */
    public void onNewRevision(PolicySnapshot previous, PolicySnapshot next) {
        for (Audience a : audiences.values()) {
            IssuedToken t = a.token;
            if (t == null) {
                continue;
            }
            List<String> now = next.policy().rolesGrantingOn(identity, a.audience);
            boolean changed;
            if (t.roles() != null) {
                changed = !new HashSet<>(t.roles()).equals(new HashSet<>(now));
            } else {
                changed = previous == null || !Objects.equals(previous.policy().rolesGrantingOn(identity, a.audience), now);
            }
            if (changed) {
                a.renew(clock.getAsLong(), true);
            }
        }
    }

    private static String describe(Throwable t) {
        return t instanceof TokenRequester.TokenException ? t.getMessage() : PolicyServerClient.describe(t);
    }

    /** The token state of one audience. */
    private final class Audience {
        final String audience;
        volatile IssuedToken token;
        volatile String lastError = "no attempt yet";
        /** Guarded by this. */
        private CompletableFuture<IssuedToken> inFlight;
        private boolean renewAgain;
        private long retryNotBefore;
        private long retryDelay = MIN_RETRY_MILLIS;

        Audience(String audience) {
            this.audience = audience;
        }

        /**
         * Starts a renewal unless one is running (then joins it) or a failed one asks to wait.
         *
         * @param force renew even while backing off, and again after a running renewal (policy change)
         * @return the renewal to wait for, or null when backing off
         */
        synchronized CompletableFuture<IssuedToken> renew(long now, boolean force) {
            if (inFlight != null && !inFlight.isDone()) {
                renewAgain |= force;
                return inFlight;
            }
            if (!force && now < retryNotBefore) {
                return null;
            }
            CompletableFuture<IssuedToken> f = new CompletableFuture<>();
            inFlight = f;
            try {
                executor.execute(() -> fetch(f));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
                inFlight = null;
            }
            return f;
        }

        private void fetch(CompletableFuture<IssuedToken> f) {
            try {
                IssuedToken t = requester.request(audience);
                token = t;
                synchronized (this) {
                    retryDelay = MIN_RETRY_MILLIS;
                    retryNotBefore = 0;
                }
                f.complete(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(f, e);
            } catch (Exception e) {
                failed(f, e);
            }
            boolean again;
            synchronized (this) {
                again = renewAgain;
                renewAgain = false;
            }
            if (again) {
                renew(clock.getAsLong(), true);
            }
        }

        private void failed(CompletableFuture<IssuedToken> f, Exception e) {
            lastError = describe(e);
            synchronized (this) {
                retryNotBefore = clock.getAsLong() + retryDelay;
                retryDelay = Math.min(MAX_RETRY_MILLIS, retryDelay * 2);
            }
            IssuedToken t = token;
            if (t != null && clock.getAsLong() < t.expiresAt()) {
                Log.rateLimited("token-renew:" + audience, ERROR_LOG_INTERVAL_MILLIS, "cannot renew the token for audience "
                        + audience + " (" + lastError + "); the current one stays in use until it expires");
            }
            f.completeExceptionally(e);
        }
    }
}
