package dev.rolegate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A policy server signing key for the in-process benchmarks: signs role tokens exactly as the
 * server issues them (ES256, {@code typ at+jwt}, {@code kid} = thumbprint, RFC 9068 claims).
 */
public final class BenchKeys {
    /** The issuer the benchmarks' policy snapshots carry. */
    public static final String ISSUER = "http://policy.bench:7070";

    private final ECKey key;

    private BenchKeys(ECKey key) {
        this.key = key;
    }

    public static BenchKeys generate() {
        try {
            return new BenchKeys(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint(true).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS the server would publish. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token from {@code caller} for {@code audience} presenting {@code roles}, valid for {@code ttlSeconds}. */
    public String token(String caller, String audience, List<String> roles, long ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", caller);
        claims.put("client_id", caller);
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("roles", roles);
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), new Payload(claims));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
