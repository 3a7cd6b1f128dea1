package dev.rolegate.agent.runtime.policy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.agent.runtime.verify.JwsRejectedException;
import dev.rolegate.agent.runtime.verify.KeySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps the current signed policy: loads the verified disk cache on start, then long-polls
 * {@code GET /v1/policy?wait=30} on a daemon thread named {@value #THREAD_NAME}, verifies each new
 * bundle, publishes it as an immutable {@link PolicySnapshot} and writes it back to the cache.
 * Errors back off (0.5 s to 10 s with jitter) and are logged once per change of state, not per attempt.
 */
public final class PolicyWatcher {
    public static final String THREAD_NAME = "rolegate-policy-watcher";
    static final int WAIT_SECONDS = 30;

    private final PolicyServerClient server;
    private final KeySource keys;
    private final PolicyCache cache;
    private final List<BiConsumer<PolicySnapshot, PolicySnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Backoff backoff = new Backoff();
    private volatile PolicySnapshot current;
    private volatile boolean running;
    /** Open once the first attempt to get a policy (cache, then server) has ended, however it ended. */
    private final CountDownLatch firstAttemptDone = new CountDownLatch(1);
    private Thread thread;
    /** Watcher-thread state, for logging changes only. */
    private String state = "starting";
    private boolean keysFetchedFromServer;
    private boolean cacheFailureReported;

    /**
     * @param cache null when no cache directory is configured
     */
    public PolicyWatcher(PolicyServerClient server, KeySource keys, PolicyCache cache) {
        this.server = server;
        this.keys = keys;
        this.cache = cache;
    }

    /** The policy in force, or null when none was ever loaded. */
    public PolicySnapshot current() {
        return current;
    }

    /**
     * The policy in force, waiting at most {@code maxMillis} for the watcher's first attempt to get
     * one. Only calls made while the agent is starting wait: once that attempt has ended (with a
     * policy or with the server unreachable) this returns at once. Without it, a job that calls out
     * as soon as it starts would send its first calls with no token.
     */
    public PolicySnapshot awaitFirstAttempt(long maxMillis) {
        PolicySnapshot s = current;
        if (s != null || firstAttemptDone.getCount() == 0) {
            return s;
        }
        try {
            firstAttemptDone.await(maxMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return current;
    }

    /** Called on the watcher thread with (previous, new) after each new revision is published. */
    public void addListener(BiConsumer<PolicySnapshot, PolicySnapshot> listener) {
        listeners.add(listener);
    }

    /** Starts the watcher thread; the cache is loaded and the server contacted on that thread, never here. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = dev.rolegate.agent.runtime.Threads.daemon(THREAD_NAME, this::run);
        thread.start();
    }

    /** Stops the watcher thread. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    private void run() {
        loadCache();
        boolean first = true;
        while (running) {
            long started = System.nanoTime();
            try {
                boolean changed;
                try {
                    changed = pollOnce(first ? 0 : WAIT_SECONDS);
                } finally {
                    if (first) {
                        firstAttemptDone.countDown();
                    }
                }
                first = false;
                backoff.reset();
                // A server that answers 304 at once despite ?wait would otherwise make this loop spin.
                long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
                if (!changed && elapsedMillis < 1000) {
                    Thread.sleep(1000 - elapsedMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (WatchException e) {
                changeState(e.state, e.getMessage());
                if (!pause()) {
                    return;
                }
            } catch (IOException e) {
                changeState("unreachable", "cannot reach the policy server " + server.servers() + " ("
                        + PolicyServerClient.describe(e) + "); "
                        + (current == null ? "no policy yet" : "enforcing policy rev " + current.rev())
                        + ", retrying");
                if (!pause()) {
                    return;
                }
            } catch (Exception | LinkageError e) {
                changeState("failed:" + e.getClass().getName(), "policy watcher error: " + PolicyServerClient.describe(e));
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(backoff.nextDelayMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Loads the cached bundle if it verifies against the cached keys.
     *
     * @return whether a policy was loaded
     */
    public boolean loadCache() {
        if (cache == null) {
            return false;
        }
        Optional<PolicyCache.Entry> entry;
        try {
            entry = cache.read();
        } catch (IOException | RuntimeException e) {
            Log.line("cannot read the policy cache in " + cache.dir() + " (" + PolicyServerClient.describe(e) + "); ignoring it");
            return false;
        }
        if (entry.isEmpty()) {
            return false;
        }
        try {
            JWKSet cachedKeys = JWKSet.parse(entry.get().jwks()).toPublicJWKSet();
            PolicySnapshot s = BundleVerifier.verify(entry.get().jws(), cachedKeys, entry.get().jwks(), "cache");
            keys.set(entry.get().jwks());
            publish(s);
            Log.line("enforcing cached policy rev " + s.rev() + " from " + cache.dir() + " until the policy server answers");
            return true;
        } catch (JwsRejectedException | java.text.ParseException | RuntimeException e) {
            Log.line("rejected the cached policy in " + cache.dir() + " (" + e.getMessage()
                    + "); it was not loaded");
            return false;
        }
    }

    /**
     * One request to the server: a new revision is verified and published, 304 changes nothing.
     *
     * @return whether a new revision was published
     */
    boolean pollOnce(int waitSeconds) throws IOException, InterruptedException, WatchException {
        if (!keysFetchedFromServer) {
            fetchKeys();
        }
        PolicySnapshot known = current;
        String query = "/v1/policy?wait=" + waitSeconds;
        HttpResponse<String> r = server.send(query, true, Duration.ofSeconds(waitSeconds + 15L), b -> {
            b.GET().header("Accept", "application/jose");
            if (known != null) {
                b.header("If-None-Match", "\"" + known.rev() + "\"");
            }
            return b;
        });
        int status = r.statusCode();
        if (status == 304) {
            changeState("connected", "connected to the policy server; policy rev "
                    + (known == null ? "none" : known.rev()) + " is current");
            return false;
        }
        if (status == 401 || status == 403) {
            throw new WatchException("unauthorized", "the policy server refused the agent's credentials (HTTP " + status
                    + "); check ROLEGATE_IDENTITY and ROLEGATE_SECRET_FILE");
        }
        if (status != 200) {
            throw new WatchException("http-" + status, "the policy server answered HTTP " + status + " to GET /v1/policy");
        }
        return accept(r.body());
    }

    private void fetchKeys() throws IOException, InterruptedException, WatchException {
        try {
            keys.fetchNow();
            keysFetchedFromServer = true;
        } catch (IOException | InterruptedException | WatchException e) {
            throw e;
        } catch (Exception e) {
            throw new WatchException("bad-jwks", "the policy server's JWKS could not be read (" + e.getMessage() + ")");
        }
    }

    private boolean accept(String body) throws IOException, InterruptedException, WatchException {
        PolicySnapshot s;
        try {
            s = verify(body);
        } catch (JwsRejectedException e) {
            if (!e.unknownKey()) {
                throw rejected(e);
            }
            try {
                if (!keys.refetchIfAllowed()) {
                    throw rejected(e);
                }
            } catch (IOException | InterruptedException | WatchException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new WatchException("bad-jwks", "the policy server's JWKS could not be read (" + ex.getMessage() + ")");
            }
            try {
                s = verify(body);
            } catch (JwsRejectedException again) {
                throw rejected(again);
            }
        }
        PolicySnapshot known = current;
        if (known != null && s.rev() <= known.rev() && ("server".equals(known.source()) || s.rev() == known.rev())) {
            if (s.rev() < known.rev()) {
                changeState("stale-" + s.rev(), "ignoring policy rev " + s.rev() + " from the server: older than rev "
                        + known.rev() + " already in force (revisions only grow)");
            }
            return false;
        }
        publish(s);
        Log.line("policy rev " + s.rev() + " loaded from the policy server (issuer " + s.issuer() + ")");
        state = "connected";
        writeCache(s);
        return true;
    }

    private PolicySnapshot verify(String body) throws JwsRejectedException {
        KeySource.Keys k = keys.current();
        if (k == null) {
            throw new JwsRejectedException("no signing keys");
        }
        return BundleVerifier.verify(body, k.set(), k.json(), "server");
    }

    private static WatchException rejected(JwsRejectedException e) {
        return new WatchException("bad-bundle", "rejected a policy bundle from the server (" + e.getMessage()
                + "); keeping the last good policy");
    }

    private void writeCache(PolicySnapshot s) {
        if (cache == null) {
            return;
        }
        try {
            cache.write(new PolicyCache.Entry(s.jws(), s.jwks()));
            cacheFailureReported = false;
        } catch (IOException | RuntimeException e) {
            if (!cacheFailureReported) {
                cacheFailureReported = true;
                Log.line("ERROR cannot write the policy cache in " + cache.dir() + " (" + PolicyServerClient.describe(e)
                        + "); set ROLEGATE_CACHE_DIR to a writable directory. Going on from memory: without the server,"
                        + " a restart will have no policy");
            }
        }
    }

    private void publish(PolicySnapshot s) {
        PolicySnapshot previous = current;
        current = s;
        for (BiConsumer<PolicySnapshot, PolicySnapshot> l : listeners) {
            try {
                l.accept(previous, s);
            } catch (RuntimeException e) {
                Log.line("policy listener failed: " + PolicyServerClient.describe(e));
            }
        }
    }

    private void changeState(String newState, String message) {
        if (!newState.equals(state)) {
            state = newState;
            Log.line(message);
        }
    }

    /** A failed poll with the state it puts the watcher in. */
    static final class WatchException extends Exception {
        private static final long serialVersionUID = 1L;
        final String state;

        WatchException(String state, String message) {
            super(message, null, false, false);
            this.state = state;
        }
    }
}
