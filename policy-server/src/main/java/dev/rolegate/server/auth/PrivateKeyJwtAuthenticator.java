package dev.rolegate.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.server.credentials.CredentialStore;
import dev.rolegate.server.credentials.IdentityNames;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code private_key_jwt} (RFC 7523 section 2.2, OpenID Connect Core 9): the client sends
 * {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer} and
 * {@code client_assertion}, a JWT it signed ES256 with its EC P-256 private key, whose public key is
 * in the credentials file. Required: {@code iss} = {@code sub} = the identity, {@code aud} naming
 * this server (its token endpoint URL or its issuer), {@code exp} in the future and at most
 * {@value #MAX_LIFETIME_SECONDS} s away, a {@code jti} never seen before (replay protection until
 * {@code exp}). Endpoints without a form body take the assertion from the
 * {@value #ASSERTION_HEADER} header instead (PROTOCOL.md).
 */
public final class PrivateKeyJwtAuthenticator implements ClientAuthenticator {
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The header carrying an assertion on endpoints without a form body. */
    public static final String ASSERTION_HEADER = "Rolegate-Client-Assertion";
    static final long MAX_LIFETIME_SECONDS = 300;
    static final long CLOCK_SKEW_MILLIS = 60_000;

    private final CredentialStore store;
    private final Supplier<String> issuer;
    private final JtiCache jtis;
    private final LongSupplier clockMillis;

    public PrivateKeyJwtAuthenticator(CredentialStore store, Supplier<String> issuer, LongSupplier clockMillis) {
        this.store = store;
        this.issuer = issuer;
        this.clockMillis = clockMillis;
        this.jtis = new JtiCache(clockMillis);
    }

    @Override
    public String methodName() {
        return "private_key_jwt";
    }

    @Override
    public boolean isPresentIn(ClientAuthRequest request) {
        return request.form().containsKey("client_assertion") || request.form().containsKey("client_assertion_type");
    }

    @Override
    public CompletableFuture<Optional<String>> authenticate(ClientAuthRequest request) {
        return CompletableFuture.completedFuture(check(request));
    }

    private Optional<String> check(ClientAuthRequest request) {
        if (!ASSERTION_TYPE.equals(request.form().get("client_assertion_type"))) {
            return Optional.empty();
        }
        String assertion = request.form().get("client_assertion");
        if (assertion == null || assertion.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String identity = claims.getSubject();
            if (identity == null || !IdentityNames.isValid(identity) || !identity.equals(claims.getIssuer())) {
                return Optional.empty();
            }
            String clientId = request.form().get("client_id");
            if (clientId != null && !clientId.equals(identity)) {
                return Optional.empty();
            }
            if (!audienceNamesThisServer(claims.getAudience())) {
                return Optional.empty();
            }
            long now = clockMillis.getAsLong();
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.getTime() + CLOCK_SKEW_MILLIS < now
                    || exp.getTime() - now > (MAX_LIFETIME_SECONDS * 1000) + CLOCK_SKEW_MILLIS) {
                return Optional.empty();
            }
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && nbf.getTime() - CLOCK_SKEW_MILLIS > now) {
                return Optional.empty();
            }
            String jti = claims.getJWTID();
            if (jti == null || jti.isEmpty() || jti.length() > 200) {
                return Optional.empty();
            }
            Optional<ECPublicKey> key = store.publicKey(identity);
            if (key.isEmpty() || !jwt.verify(new ECDSAVerifier(key.get()))) {
                return Optional.empty();
            }
            // Only after the signature: a forger must not be able to burn someone else's jti.
            if (!jtis.firstUse(identity, jti, exp.getTime() + CLOCK_SKEW_MILLIS)) {
                return Optional.empty();
            }
            return Optional.of(identity);
        } catch (ParseException | JOSEException | RuntimeException e) {
            // Malformed or unverifiable: just failed authentication to the caller.
            return Optional.empty();
        }
    }

    private boolean audienceNamesThisServer(List<String> audience) {
        if (audience == null || audience.isEmpty()) {
            return false;
        }
        String iss = issuer.get();
        for (String aud : audience) {
            if (aud.equals(iss) || aud.equals(iss + "/v1/token")) {
                return true;
            }
        }
        return false;
    }

    /** The claimed identity of an assertion, unverified, for rate limiting only. */
    static String claimedIdentity(String assertion) {
        try {
            String sub = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
            return sub != null && IdentityNames.isValid(sub) ? sub : null;
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
