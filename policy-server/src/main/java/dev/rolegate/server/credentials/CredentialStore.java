package dev.rolegate.server.credentials;

import dev.rolegate.server.Log;
import dev.rolegate.server.io.FileChangePoller;

import java.io.IOException;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Verifies client secrets against the credentials file, which is re-read when it changes.
 *
 * <p>Verification is asynchronous because PBKDF2 is deliberately slow: a cache hit completes at
 * once on the caller's thread (the event loop), a miss runs on the blocking executor. Concurrent
 * misses for the same pair share one computation. Unknown identities cost the same PBKDF2 work as
 * wrong secrets, so timing does not tell them apart.
 */
public final class CredentialStore implements AutoCloseable {
    private final Path file;
    private final Executor blocking;
    private volatile Snapshot snapshot;
    private FileChangePoller poller;

    /** One version of the file with the verifications made against it. */
    private record Snapshot(Map<String, SecretHasher.EncodedHash> hashes, Map<String, ECPublicKey> publicKeys,
                            VerificationCache cache, ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight) {
        static Snapshot of(Map<String, CredentialsFile.Entry> entries) {
            Map<String, SecretHasher.EncodedHash> decoded = new LinkedHashMap<>();
            Map<String, ECPublicKey> keys = new LinkedHashMap<>();
            entries.forEach((id, e) -> {
                if (e.secretHash() != null) {
                    decoded.put(id, SecretHasher.parse(e.secretHash()));
                }
                if (e.publicKey() != null) {
                    keys.put(id, PublicKeys.decode(e.publicKey()));
                }
            });
            return new Snapshot(Map.copyOf(decoded), Map.copyOf(keys), new VerificationCache(), new ConcurrentHashMap<>());
        }
    }

    /** The public key {@code identity} signs client assertions with, if it has one. */
    public Optional<ECPublicKey> publicKey(String identity) {
        return Optional.ofNullable(snapshot.publicKeys().get(identity));
    }

    private CredentialStore(Path file, Executor blocking) {
        this.file = file;
        this.blocking = blocking;
    }

    /**
     * Reads the credentials file and starts watching it. A missing or invalid file at start is
     * logged and means "no credentials" (every client authentication fails) until it is fixed.
     */
    public static CredentialStore open(Path file, ScheduledExecutorService scheduler, Executor blocking) {
        CredentialStore store = new CredentialStore(file, blocking);
        byte[] content = null;
        try {
            content = FileChangePoller.readIfExists(file);
        } catch (IOException e) {
            Log.error("cannot read credentials file " + file + ": " + e.getMessage());
        }
        store.snapshot = Snapshot.of(Map.of());
        store.apply(Optional.ofNullable(content), true);
        store.poller = new FileChangePoller(file, content, scheduler, c -> store.apply(c, false));
        return store;
    }

    private void apply(Optional<byte[]> content, boolean atStart) {
        if (content.isEmpty()) {
            if (atStart) {
                Log.warn("Credentials file " + file + " not found: no client can authenticate until it exists"
                        + " (create entries with: rolegate-server.jar credentials add IDENTITY --file " + file + ")");
            } else {
                Log.warn("Credentials file " + file + " was removed: no client can authenticate until it exists");
            }
            snapshot = Snapshot.of(Map.of());
            return;
        }
        try {
            Map<String, CredentialsFile.Entry> entries = CredentialsFile.parseEntries(content.get());
            snapshot = Snapshot.of(entries);
            Log.info("Credentials " + (atStart ? "loaded" : "reloaded") + " from " + file + ": "
                    + entries.size() + " identities");
        } catch (CredentialsFile.InvalidCredentialsException e) {
            Log.error("Credentials file " + file + " is invalid" + (atStart ? "" : "; the previous version stays in use")
                    + ":\n  " + String.join("\n  ", e.problems()));
        }
    }

    /**
     * Whether {@code secret} is the current secret of {@code identity}.
     *
     * @return a future completed with the answer; failed only when the blocking executor refuses work
     */
    public CompletableFuture<Boolean> verify(String identity, String secret) {
        Snapshot snap = snapshot;
        String key = snap.cache().keyOf(identity, secret);
        if (snap.cache().contains(key)) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        CompletableFuture<Boolean> shared = snap.inFlight().putIfAbsent(key, result);
        if (shared != null) {
            return shared;
        }
        try {
            blocking.execute(() -> {
                boolean ok;
                try {
                    SecretHasher.EncodedHash stored = snap.hashes().get(identity);
                    ok = stored == null ? SecretHasher.verifyAgainstNothing(secret) : SecretHasher.verify(secret, stored);
                    if (ok) {
                        snap.cache().add(key);
                    }
                } catch (RuntimeException e) {
                    snap.inFlight().remove(key);
                    result.completeExceptionally(e);
                    return;
                }
                snap.inFlight().remove(key);
                result.complete(ok);
            });
        } catch (RuntimeException rejected) {
            snap.inFlight().remove(key);
            result.completeExceptionally(rejected);
        }
        return result;
    }

    /** Number of identities with a stored secret, for the log and tests. */
    public int size() {
        return snapshot.hashes().size();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
    }
}
