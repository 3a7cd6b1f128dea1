package dev.rolegate.agent.runtime.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import dev.rolegate.agent.runtime.verify.Es256Jws;
import dev.rolegate.agent.runtime.verify.JwsRejectedException;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyDocument;
import dev.rolegate.policy.PolicyParser;
import dev.rolegate.policy.PolicyValidationException;

import java.util.Set;

/**
 * Verifies a signed policy bundle (docs/PROTOCOL.md, "Policy bundle"): ES256 by a key from the
 * server's JWKS chosen by {@code kid}, {@code typ} {@code rolegate-policy+jwt}; then reads
 * {@code iss}, {@code rev} and the {@code policy} document, which must parse and validate.
 */
public final class BundleVerifier {
    static final String BUNDLE_TYPE = "rolegate-policy+jwt";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private BundleVerifier() {
    }

    /**
     * @return the verified snapshot
     * @throws JwsRejectedException when the signature, header or payload is not acceptable
     */
    public static PolicySnapshot verify(String jws, JWKSet keys, String keysJson, String source) throws JwsRejectedException {
        JWSObject obj = Es256Jws.verify(jws.trim(), keys, Set.of(BUNDLE_TYPE));
        JsonNode payload;
        try {
            payload = JSON.readTree(obj.getPayload().toString());
        } catch (java.io.IOException | RuntimeException e) {
            throw new JwsRejectedException("bundle payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new JwsRejectedException("bundle payload is not a JSON object");
        }
        JsonNode iss = payload.get("iss");
        JsonNode rev = payload.get("rev");
        JsonNode policy = payload.get("policy");
        if (iss == null || !iss.isTextual() || iss.asText().isEmpty()) {
            throw new JwsRejectedException("bundle has no iss");
        }
        if (rev == null || !rev.isIntegralNumber() || !rev.canConvertToLong() || rev.asLong() < 0) {
            throw new JwsRejectedException("bundle has no valid rev");
        }
        if (policy == null || !policy.isObject()) {
            throw new JwsRejectedException("bundle has no policy object");
        }
        CompiledPolicy compiled;
        try {
            PolicyDocument doc = PolicyParser.parse(policy.toString(), "policy bundle rev " + rev.asLong());
            compiled = CompiledPolicy.compile(doc);
        } catch (PolicyValidationException e) {
            throw new JwsRejectedException("bundle policy is invalid: " + e.problems().get(0));
        }
        return new PolicySnapshot(rev.asLong(), iss.asText(), compiled, jws.trim(), keysJson, source);
    }
}
