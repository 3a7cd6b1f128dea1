package dev.rolegate.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.rolegate.server.Json;
import dev.rolegate.server.Log;
import dev.rolegate.server.StartupException;
import dev.rolegate.server.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's ES256 signing keys, kept in {@code ROLEGATE_DATA_DIR/keys/} so that tokens and policy
 * bundles stay valid across restarts (PROTOCOL.md "Issuer and keys"), with rotation.
 *
 * <p>Layout: {@code <kid>.jwk.json} holds each private JWK (mode 600); {@code state.json} names the
 * {@code current} and {@code previous} kid and when the current one was made ({@code rotatedAt}).
 * {@code state.json} is written last, so a crash during a rotation leaves the old state.
 * (A data dir from before rotation existed has only a {@code current} pointer file; it is read.)
 *
 * <p><b>Rotation without failed calls.</b> Agents learn keys from the JWKS, which they fetch when a
 * bundle or token names a kid they do not know, at most once per 5 s. So a new key is used in two
 * steps: at once it is published and signs policy bundles (the caller re-publishes the policy, so
 * every watching agent fetches the new JWKS within a second); only {@link #ACTIVATION_DELAY} later
 * does it sign tokens. Until then tokens are signed with the previous key, which stays published
 * until the next rotation, as long as any token it signed can live.
 */
public final class SigningKeys {
    /** How long after a rotation tokens are still signed with the previous key. */
    public static final Duration ACTIVATION_DELAY = Duration.ofSeconds(10);

    private final Path dir;
    private final Clock clock;
    private volatile State state;

    /** A key with its signer; kid and signer always belong together. */
    public record SigningKey(String kid, JWSSigner signer) {
    }

    private record State(ECKey current, ECKey previous, Instant rotatedAt, SigningKey currentSigner,
                         SigningKey previousSigner, JWKSet publicJwks) {
        static State of(ECKey current, ECKey previous, Instant rotatedAt) throws JOSEException {
            List<JWK> pub = new ArrayList<>();
            pub.add(current.toPublicJWK());
            if (previous != null) {
                pub.add(previous.toPublicJWK());
            }
            return new State(current, previous, rotatedAt, new SigningKey(current.getKeyID(), new ECDSASigner(current)),
                    previous == null ? null : new SigningKey(previous.getKeyID(), new ECDSASigner(previous)),
                    new JWKSet(pub));
        }
    }

    private SigningKeys(Path dir, Clock clock, State state) {
        this.dir = dir;
        this.clock = clock;
        this.state = state;
    }

    /** As {@link #loadOrCreate(Path, Clock)} with the system clock. */
    public static SigningKeys loadOrCreate(Path keysDir) throws StartupException {
        return loadOrCreate(keysDir, Clock.systemUTC());
    }

    /**
     * Loads the keys from {@code keysDir}, or generates and stores one when there is none.
     *
     * @throws StartupException when a stored key is unreadable or not an EC P-256 private key:
     *                          silently replacing it would invalidate every token in circulation
     */
    public static SigningKeys loadOrCreate(Path keysDir, Clock clock) throws StartupException {
        try {
            AtomicFiles.createPrivateDirectory(keysDir);
            Path stateFile = keysDir.resolve("state.json");
            Path legacyPointer = keysDir.resolve("current");
            if (Files.exists(stateFile)) {
                JsonNode node = Json.MAPPER.readTree(Files.readString(stateFile, StandardCharsets.UTF_8));
                ECKey current = parse(keysDir, node.path("current").asText(""));
                String prevKid = node.path("previous").asText("");
                ECKey previous = prevKid.isEmpty() ? null : parse(keysDir, prevKid);
                Instant rotatedAt = Instant.parse(node.path("rotatedAt").asText());
                Log.info("Signing key " + current.getKeyID() + " loaded from " + keysDir
                        + (previous == null ? "" : " (previous key " + previous.getKeyID() + " still published)"));
                return new SigningKeys(keysDir, clock, State.of(current, previous, rotatedAt));
            }
            String kid;
            try {
                kid = Files.readString(legacyPointer, StandardCharsets.US_ASCII).strip();
            } catch (NoSuchFileException e) {
                ECKey key = generate(keysDir);
                // Long ago: the only key signs tokens at once.
                SigningKeys keys = new SigningKeys(keysDir, clock, State.of(key, null, Instant.EPOCH));
                keys.saveState();
                Log.info("Signing key " + key.getKeyID() + " generated in " + keysDir);
                return keys;
            }
            ECKey key = parse(keysDir, kid);
            Log.info("Signing key " + kid + " loaded from " + keysDir);
            return new SigningKeys(keysDir, clock, State.of(key, null,
                    Files.getLastModifiedTime(keysDir.resolve(kid + ".jwk.json")).toInstant()));
        } catch (IOException | JOSEException | RuntimeException e) {
            throw new StartupException("cannot use signing keys in " + keysDir + ": " + e.getMessage(), e);
        }
    }

    private static ECKey generate(Path keysDir) throws JOSEException, IOException {
        ECKey key = new ECKeyGenerator(Curve.P_256)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true)
                .generate();
        AtomicFiles.write(keysDir.resolve(key.getKeyID() + ".jwk.json"),
                key.toJSONString().getBytes(StandardCharsets.UTF_8), true);
        return key;
    }

    private static ECKey parse(Path keysDir, String kid) throws IOException, JOSEException {
        if (!kid.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IOException("malformed key id \"" + kid + "\"");
        }
        Path keyFile = keysDir.resolve(kid + ".jwk.json");
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

    // Key file first, state second: a crash in between leaves an unused file, never a dangling name.
    private void saveState() throws IOException {
        State s = state;
        ObjectNode node = Json.object();
        node.put("current", s.current().getKeyID());
        node.put("previous", s.previous() == null ? "" : s.previous().getKeyID());
        node.put("rotatedAt", s.rotatedAt().toString());
        AtomicFiles.write(dir.resolve("state.json"), Json.write(node).getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Makes a new current key; the current one becomes the previous one and the one before is no
     * longer published (its tokens expired long ago: rotations are at least a token lifetime apart
     * in any sane schedule). The caller re-publishes the policy so that agents fetch the new JWKS.
     *
     * @return the new kid
     */
    public synchronized String rotate() throws IOException {
        try {
            State old = state;
            ECKey next = generate(dir);
            State s = State.of(next, old.current(), clock.instant());
            State before = state;
            state = s;
            try {
                saveState();
            } catch (IOException e) {
                state = before;
                throw e;
            }
            Log.info("Signing key rotated: " + next.getKeyID() + " is current (signs tokens from "
                    + s.rotatedAt().plus(ACTIVATION_DELAY) + "), " + old.current().getKeyID() + " is previous");
            return next.getKeyID();
        } catch (JOSEException e) {
            throw new IOException("cannot generate a signing key: " + e.getMessage(), e);
        }
    }

    /** When the current key was made (by rotation), for the schedule. */
    public Instant rotatedAt() {
        return state.rotatedAt();
    }

    /** The key that signs policy bundles: always the newest. */
    public SigningKey bundleKey() {
        return state.currentSigner();
    }

    /** The key that signs tokens: the previous one until {@link #ACTIVATION_DELAY} after a rotation. */
    public SigningKey tokenKey() {
        State s = state;
        if (s.previousSigner() != null && clock.instant().isBefore(s.rotatedAt().plus(ACTIVATION_DELAY))) {
            return s.previousSigner();
        }
        return s.currentSigner();
    }

    /** The newest key. */
    public ECKey current() {
        return state.current();
    }

    public String currentKeyId() {
        return state.current().getKeyID();
    }

    /** Public keys only (current and previous), for {@code /.well-known/jwks.json}. */
    public JWKSet publicJwks() {
        return state.publicJwks();
    }
}
