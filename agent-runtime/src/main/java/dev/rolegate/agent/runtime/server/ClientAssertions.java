package dev.rolegate.agent.runtime.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * {@code private_key_jwt} client authentication (RFC 7523) with the EC P-256 key of
 * {@code ROLEGATE_KEY_FILE}: a fresh, short-lived assertion per request ({@code iss} = {@code sub} =
 * the identity, {@code aud} = the server's token endpoint URL from its RFC 8414 metadata, a random
 * {@code jti}, {@code exp} {@value #LIFETIME_SECONDS} s ahead), sent in the
 * {@code Rolegate-Client-Assertion} header (PROTOCOL.md "Client authentication").
 */
public final class ClientAssertions {
    /** The header the server reads an assertion from. */
    public static final String HEADER = "Rolegate-Client-Assertion";
    static final long LIFETIME_SECONDS = 60;
    private static final byte[] EC_P256_ALGORITHM = {0x30, 0x13, 0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE,
            0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};

    private final String identity;
    private final ECDSASigner signer;
    private final LongSupplier clock;

    ClientAssertions(String identity, ECPrivateKey key, LongSupplier clock) throws JOSEException {
        this.identity = identity;
        this.signer = new ECDSASigner(key);
        this.clock = clock;
    }

    /** Reads a PKCS#8 ({@code BEGIN PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}) PEM key. */
    public static ClientAssertions load(Path keyFile, String identity) throws IOException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        byte[] pkcs8;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            pkcs8 = body(pem, "PRIVATE KEY");
        } else if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            pkcs8 = sec1ToPkcs8(body(pem, "EC PRIVATE KEY"));
        } else {
            throw new IOException("ROLEGATE_KEY_FILE is not a PEM private key");
        }
        try {
            ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new ClientAssertions(identity, key, System::currentTimeMillis);
        } catch (GeneralSecurityException | ClassCastException | JOSEException e) {
            throw new IOException("ROLEGATE_KEY_FILE does not hold an EC P-256 private key", e);
        }
    }

    /** A new signed assertion for {@code audience}. */
    public String sign(String audience) {
        long now = clock.getAsLong();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(identity)
                .subject(identity)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date(now))
                .expirationTime(new Date(now + LIFETIME_SECONDS * 1000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jwt.serialize();
    }

    private static byte[] body(String pem, String label) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, b);
        if (b < 0 || e < 0) {
            throw new IOException("ROLEGATE_KEY_FILE is not valid PEM");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).trim());
        } catch (IllegalArgumentException ex) {
            throw new IOException("ROLEGATE_KEY_FILE is not valid PEM (bad base64)", ex);
        }
    }

    /** Wraps an RFC 5915 key in PKCS#8 (RFC 5208) so that the JDK's KeyFactory reads it. */
    static byte[] sec1ToPkcs8(byte[] sec1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(EC_P256_ALGORITHM);
        content.writeBytes(tlv(0x04, sec1));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
