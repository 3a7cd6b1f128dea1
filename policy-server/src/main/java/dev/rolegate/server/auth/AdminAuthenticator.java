package dev.rolegate.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <ROLEGATE_ADMIN_SECRET>} for the admin API. Both sides are
 * hashed before a constant-time comparison so that neither content nor length leaks by timing.
 */
public final class AdminAuthenticator {
    private static final String PREFIX = "bearer ";
    private final byte[] expectedDigest;

    public AdminAuthenticator(Optional<String> adminSecret) {
        this.expectedDigest = adminSecret.map(AdminAuthenticator::sha256).orElse(null);
    }

    /** False when no admin secret is configured: admin writes are then refused. */
    public boolean enabled() {
        return expectedDigest != null;
    }

    /** Whether the header carries the admin secret; always false when not {@link #enabled()}. */
    public boolean isAdmin(String authorizationHeader) {
        if (expectedDigest == null || authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented = sha256(authorizationHeader.substring(PREFIX.length()).strip());
        return MessageDigest.isEqual(presented, expectedDigest);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
