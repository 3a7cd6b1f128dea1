package dev.rolegate.server.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.rolegate.server.Log;
import dev.rolegate.server.StartupException;
import dev.rolegate.server.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * The server's ES256 signing key, kept in {@code ROLEGATE_DATA_DIR/keys/} so that tokens and policy
 * bundles stay valid across restarts (PROTOCOL.md "Issuer and keys").
 *
 * <p>Layout: {@code <kid>.jwk.json} holds the private JWK (mode 600), {@code current} names the kid
 * in use. The {@code kid} is the RFC 7638 thumbprint, so it cannot drift from the key. Rotation (a
 * new current key, the previous one still published) is a later issue; the JWKS is already a list.
 */
public final class SigningKeys {
    private final ECKey current;
    private final JWSSigner signer;
    private final JWKSet publicJwks;

    private SigningKeys(ECKey current) throws JOSEException {
        this.current = current;
        this.signer = new ECDSASigner(current);
        this.publicJwks = new JWKSet(List.of(current.toPublicJWK()));
    }

    /**
     * Loads the current key from {@code keysDir}, or generates and stores one when there is none.
     *
     * @throws StartupException when a stored key is unreadable or not an EC P-256 private key:
     *                          silently replacing it would invalidate every token in circulation
     */
    public static SigningKeys loadOrCreate(Path keysDir) throws StartupException {
        try {
            AtomicFiles.createPrivateDirectory(keysDir);
            Path pointer = keysDir.resolve("current");
            String kid;
            try {
                kid = Files.readString(pointer, StandardCharsets.US_ASCII).strip();
            } catch (NoSuchFileException e) {
                return new SigningKeys(generate(keysDir, pointer));
            }
            Path keyFile = keysDir.resolve(kid + ".jwk.json");
            ECKey key = parse(keyFile, kid);
            Log.info("Signing key " + kid + " loaded from " + keysDir);
            return new SigningKeys(key);
        } catch (IOException | JOSEException e) {
            throw new StartupException("cannot use signing keys in " + keysDir + ": " + e.getMessage(), e);
        }
    }

    private static ECKey generate(Path keysDir, Path pointer) throws JOSEException, IOException {
        ECKey key = new ECKeyGenerator(Curve.P_256)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true)
                .generate();
        // Key first, pointer second: a crash in between leaves an unused file, never a dangling pointer.
        AtomicFiles.write(keysDir.resolve(key.getKeyID() + ".jwk.json"),
                key.toJSONString().getBytes(StandardCharsets.UTF_8), true);
        AtomicFiles.write(pointer, (key.getKeyID() + "\n").getBytes(StandardCharsets.US_ASCII), true);
        Log.info("Signing key " + key.getKeyID() + " generated in " + keysDir);
        return key;
    }

    private static ECKey parse(Path keyFile, String kid) throws IOException, JOSEException {
        try {
            JWK jwk = JWK.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
                throw new IOException(keyFile + " is not an EC P-256 private key");
            }
            String thumbprint = ec.computeThumbprint().toString();
            if (!thumbprint.equals(kid) || !kid.equals(ec.getKeyID())) {
                throw new IOException(keyFile + " does not hold the key named " + kid);
            }
            return ec;
        } catch (ParseException e) {
            throw new IOException(keyFile + " is not a JWK: " + e.getMessage(), e);
        }
    }

    /** The key new tokens and bundles are signed with. */
    public ECKey current() {
        return current;
    }

    public String currentKeyId() {
        return current.getKeyID();
    }

    /** A thread-safe ES256 signer for the current key. */
    public JWSSigner signer() {
        return signer;
    }

    /** Public keys only, for {@code /.well-known/jwks.json}. */
    public JWKSet publicJwks() {
        return publicJwks;
    }
}
