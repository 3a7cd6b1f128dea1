package dev.rolegate.server.credentials;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Salted, deliberately slow hashes of client secrets: PBKDF2-HMAC-SHA256, encoded as
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}.
 *
 * <p>210,000 iterations is OWASP's 2023 recommendation for PBKDF2-SHA256; the slowness is why
 * {@link CredentialStore} caches successful verifications.
 */
public final class SecretHasher {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int ITERATIONS = 210_000;
    /** Upper bound for a stored count, so that a tampered file cannot stall the server. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHasher() {
    }

    /** A decoded hash. */
    public record EncodedHash(int iterations, byte[] salt, byte[] hash) {
    }

    /** Hashes {@code secret} with a fresh random salt. */
    public static String hash(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("an empty secret cannot be stored");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(secret, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Decodes a stored hash.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the value)
     */
    public static EncodedHash parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("is not of the form " + SCHEME + "$<iterations>$<salt>$<hash>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has a non-numeric iteration count");
        }
        if (iterations < ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("has " + iterations + " iterations; " + ITERATIONS + " to "
                    + MAX_ITERATIONS + " are accepted");
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a salt or hash that is not base64");
        }
        if (salt.length < SALT_BYTES || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("has a salt shorter than " + SALT_BYTES + " bytes or a hash that is not "
                    + HASH_BYTES + " bytes");
        }
        return new EncodedHash(iterations, salt, hash);
    }

    /** Whether {@code secret} matches; the comparison takes the same time wherever the first difference is. */
    public static boolean verify(String secret, EncodedHash stored) {
        if (secret.isEmpty()) {
            // No stored secret is empty (hash() refuses one); spend the work all the same.
            return verifyAgainstNothing("-");
        }
        byte[] candidate = pbkdf2(secret, stored.salt(), stored.iterations());
        return MessageDigest.isEqual(candidate, stored.hash());
    }

    /**
     * Spends the same work as {@link #verify} and returns false: used for unknown identities so that
     * they cannot be told apart from wrong secrets by timing.
     */
    public static boolean verifyAgainstNothing(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        pbkdf2(secret.isEmpty() ? "-" : secret, salt, ITERATIONS);
        return false;
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        char[] chars = secret.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
