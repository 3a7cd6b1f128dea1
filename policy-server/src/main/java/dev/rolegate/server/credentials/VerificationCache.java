package dev.rolegate.server.credentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which (identity, secret) pairs verified, so that only the first request of a client
 * pays for PBKDF2 and the token endpoint can serve thousands of requests per second.
 *
 * <p>Entries are HMAC-SHA256 values under a random key that lives only in this process: a heap
 * dump shows neither the secrets nor anything an attacker could test guesses against offline. A
 * new instance is made whenever the credentials file changes, which is the invalidation.
 */
final class VerificationCache {
    static final int MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    VerificationCache() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** The cache key of a presented pair; the NUL separator keeps ("ab","c") and ("a","bc") apart. */
    String keyOf(String identity, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(identity.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    boolean contains(String cacheKey) {
        return verified.contains(cacheKey);
    }

    void add(String cacheKey) {
        // Crude bound against a flood of distinct valid pairs; refilling costs one PBKDF2 per client.
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.add(cacheKey);
    }

    int size() {
        return verified.size();
    }
}
