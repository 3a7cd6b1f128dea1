package dev.rolegate.server.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import dev.rolegate.server.Json;
import dev.rolegate.server.keys.SigningKeys;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The signed policy bundle of a revision (PROTOCOL.md "Policy bundle"): a compact JWS with header
 * {@code typ: rolegate-policy+jwt} and payload {@code iss, rev, iat, digest, policy}.
 *
 * <p>Each revision is signed once and the result reused for every agent that fetches or watches
 * it; only the latest is kept, since only the current revision is ever served.
 */
public final class PolicyBundles {
    public static final JOSEObjectType BUNDLE_TYPE = new JOSEObjectType("rolegate-policy+jwt");

    private final SigningKeys keys;
    private final Supplier<String> issuer;
    private final Clock clock;
    private Signed latest;

    private record Signed(long revision, String jws) {
    }

    public PolicyBundles(SigningKeys keys, Supplier<String> issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The compact JWS of {@code revision}, signed on first use. */
    public synchronized String bundleOf(PolicyRevision revision) {
        if (latest != null && latest.revision() == revision.revision()) {
            return latest.jws();
        }
        String jws = sign(revision);
        // Never replace a newer bundle with an older one if two threads race.
        if (latest == null || latest.revision() < revision.revision()) {
            latest = new Signed(revision.revision(), jws);
        }
        return jws;
    }

    private String sign(PolicyRevision revision) {
        try {
            ObjectNode payload = Json.object();
            payload.put("iss", issuer.get());
            payload.put("rev", revision.revision());
            payload.put("iat", clock.instant().getEpochSecond());
            payload.put("digest", revision.digest());
            payload.set("policy", Json.MAPPER.readTree(revision.canonicalJson()));
            SigningKeys.SigningKey key = keys.bundleKey();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .keyID(key.kid())
                    .type(BUNDLE_TYPE)
                    .build();
            JWSObject jws = new JWSObject(header, new Payload(Json.write(payload)));
            jws.sign(key.signer());
            return jws.serialize();
        } catch (JOSEException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign policy revision " + revision.revision(), e);
        }
    }
}
