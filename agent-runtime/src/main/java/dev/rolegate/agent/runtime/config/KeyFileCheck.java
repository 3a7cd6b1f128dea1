package dev.rolegate.agent.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Checks that {@code ROLEGATE_KEY_FILE} holds a PEM EC P-256 private key, so that a wrong file is
 * reported at start rather than at the first token request.
 */
final class KeyFileCheck {
    /** DER encoding of the prime256v1 (P-256) curve OID. */
    private static final byte[] P256_OID = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};

    private KeyFileCheck() {
    }

    /** Returns null when the file is fine, else what is wrong with it (without its content). */
    static String problem(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            byte[] der = body(pem, "PRIVATE KEY");
            if (der == null) {
                return "is not valid PEM (bad base64)";
            }
            try {
                ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
                return key.getParams().getCurve().getField().getFieldSize() == 256 ? null
                        : "holds an EC key that is not on curve P-256";
            } catch (ClassCastException | java.security.GeneralSecurityException e) {
                return "does not hold an EC P-256 private key";
            }
        }
        if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            byte[] der = body(pem, "EC PRIVATE KEY");
            if (der == null) {
                return "is not valid PEM (bad base64)";
            }
            return indexOf(der, P256_OID) >= 0 ? null : "holds an EC key that is not on curve P-256";
        }
        return "is not a PEM private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)";
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, b);
        if (b < 0 || e < 0) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).trim());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
