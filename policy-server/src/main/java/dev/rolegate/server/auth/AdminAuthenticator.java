package dev.rolegate.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <secret>} for the admin API and names the admin who sent it.
 *
 * <p>Admins are named so that the policy history can say who made each change:
 * {@code ROLEGATE_ADMIN_SECRET} (or its file) is the admin called {@code admin}; the admins file
 * ({@code ROLEGATE_ADMINS_FILE}) adds more, each by the SHA-256 of its secret. Both sides are hashed
 * before a constant-time comparison so that neither content nor length leaks by timing, and every
 * admin is compared so that the time does not tell which one matched.
 */
public final class AdminAuthenticator {
    /** The name of the admin whose secret is {@code ROLEGATE_ADMIN_SECRET}. */
    public static final String DEFAULT_ADMIN = "admin";
    private static final String PREFIX = "bearer ";
    private final Map<String, byte[]> digestsByName;

    public AdminAuthenticator(Optional<String> adminSecret) {
        this(adminSecret, Map.of());
    }

    /**
     * @param adminSecret the secret of the admin called {@value #DEFAULT_ADMIN}, if any
     * @param namedDigests more admins: name to SHA-256 of their secret
     */
    public AdminAuthenticator(Optional<String> adminSecret, Map<String, byte[]> namedDigests) {
        Map<String, byte[]> m = new LinkedHashMap<>(namedDigests);
        adminSecret.ifPresent(s -> m.put(DEFAULT_ADMIN, sha256(s)));
        this.digestsByName = Map.copyOf(m);
    }

    /** False when no admin is configured: admin calls are then refused. */
    public boolean enabled() {
        return !digestsByName.isEmpty();
    }

    /** Whether the header carries an admin secret; always false when not {@link #enabled()}. */
    public boolean isAdmin(String authorizationHeader) {
        return adminName(authorizationHeader).isPresent();
    }

    /** The name of the admin whose secret the header carries, or empty. */
    public Optional<String> adminName(String authorizationHeader) {
        if (digestsByName.isEmpty() || authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(PREFIX.length()).strip());
        String match = null;
        for (Map.Entry<String, byte[]> e : digestsByName.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getValue()) && match == null) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /** SHA-256 of a secret's UTF-8 bytes, the form the admins file stores. */
    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
