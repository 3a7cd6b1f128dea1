package dev.rolegate.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.server.keys.SigningKeys;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Mints access tokens (RFC 9068 profile, CONTRACT.md section 4): ES256, {@code typ: at+jwt}, the
 * current key's {@code kid}; claims {@code iss, sub, client_id, aud, iat, exp, jti, roles}.
 */
public final class TokenIssuer {
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final Supplier<String> issuer;
    private final int ttlSeconds;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, Supplier<String> issuer, int ttlSeconds, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    /** A signed token and its lifetime. */
    public record IssuedToken(String accessToken, int expiresIn) {
        @Override
        public String toString() {
            return "IssuedToken[expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * Issues a token for {@code identity} to call {@code audience}.
     *
     * @param roles the caller's roles that grant something on the audience, possibly empty
     */
    public IssuedToken issue(String identity, String audience, List<String> roles) {
        // Whole seconds: JWT NumericDate has no fractions, and exp - iat must equal expires_in.
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.get())
                .subject(identity)
                .claim("client_id", identity)
                // A single string, not an array: receivers compare it exactly (CONTRACT.md section 4).
                .claim("aud", audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(roles))
                .build();
        SigningKeys.SigningKey key = keys.tokenKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(AT_JWT)
                .keyID(key.kid())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return new IssuedToken(jwt.serialize(), ttlSeconds);
    }
}
