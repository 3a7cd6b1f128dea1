package dev.rolegate.server.credentials;

import com.nimbusds.jose.jwk.Curve;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * EC P-256 public keys of identities that authenticate with {@code private_key_jwt}: read from PEM
 * ({@code -----BEGIN PUBLIC KEY-----}, e.g. {@code openssl ec -in key.pem -pubout}) and stored in the
 * credentials file as the base64 of the DER SubjectPublicKeyInfo.
 */
public final class PublicKeys {
    private PublicKeys() {
    }

    /** The key from its stored form; the message of the exception describes the problem. */
    public static ECPublicKey decode(String base64Der) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64Der.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64");
        }
        return fromDer(der);
    }

    /** The stored form of a PEM public key. */
    public static String fromPem(String pem) {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("is not a PEM public key (expected " + begin + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).strip()
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("is not valid PEM (bad base64)");
        }
        fromDer(der);
        return Base64.getEncoder().encodeToString(der);
    }

    private static ECPublicKey fromDer(byte[] der) {
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey k
                    && Curve.P_256.equals(Curve.forECParameterSpec(k.getParams()))) {
                return k;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not an EC P-256 public key");
        }
        throw new IllegalArgumentException("is not an EC P-256 public key");
    }
}
