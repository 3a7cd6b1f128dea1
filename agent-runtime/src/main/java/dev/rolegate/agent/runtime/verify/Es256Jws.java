package dev.rolegate.agent.runtime.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;

import java.text.ParseException;
import java.util.Set;

/**
 * The one signature check behind both token and policy-bundle verification: a compact JWS, ES256
 * only, the key chosen from a trusted key set by {@code kid} (never from the JWS's own header),
 * and unknown {@code crit} parameters rejected.
 */
public final class Es256Jws {
    private Es256Jws() {
    }

    /**
     * Verifies {@code compact} and returns the parsed object.
     *
     * @param keys         the trusted keys
     * @param allowedTypes accepted {@code typ} values (compared case-insensitively), or null to skip the check
     * @throws JwsRejectedException when anything is wrong
     */
    public static JWSObject verify(String compact, JWKSet keys, Set<String> allowedTypes) throws JwsRejectedException {
        if (!isCompactBase64Url(compact)) {
            throw new JwsRejectedException("malformed JWS (not three base64url segments)");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException | RuntimeException e) {
            throw new JwsRejectedException("malformed JWS");
        }
        JWSHeader h = jws.getHeader();
        if (!JWSAlgorithm.ES256.equals(h.getAlgorithm())) {
            throw new JwsRejectedException("algorithm " + h.getAlgorithm() + " is not accepted (ES256 only)");
        }
        if (allowedTypes != null && !typeAllowed(h.getType(), allowedTypes)) {
            throw new JwsRejectedException("typ " + h.getType() + " is not accepted");
        }
        if (h.getJWK() != null || h.getJWKURL() != null || h.getX509CertURL() != null || h.getX509CertChain() != null) {
            throw new JwsRejectedException("the JWS header carries its own key (jwk, jku, x5u or x5c)");
        }
        String kid = h.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new JwsRejectedException("no kid in the JWS header");
        }
        ECKey key = findKey(keys, kid);
        if (key == null) {
            throw new JwsRejectedException("unknown signing key " + kid, true);
        }
        try {
            if (!jws.verify(new ECDSAVerifier(key))) {
                throw new JwsRejectedException("bad signature");
            }
        } catch (JOSEException | RuntimeException e) {
            throw new JwsRejectedException("bad signature");
        }
        return jws;
    }

    /**
     * Exactly three segments of the unpadded base64url alphabet. Checked before parsing because the
     * parser's base64 decoder skips characters outside the alphabet, so {@code sig + "%%"} would still
     * verify: harmless for forgery, but it makes one token spellable in many ways (and so defeats
     * exact-string comparisons and caches keyed by the token).
     */
    static boolean isCompactBase64Url(String compact) {
        if (compact == null) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    private static boolean typeAllowed(JOSEObjectType type, Set<String> allowed) {
        if (type == null) {
            return false;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(type.getType())) {
                return true;
            }
        }
        return false;
    }

    /** The usable ES256 verification key with this id, or null. */
    static ECKey findKey(JWKSet keys, String kid) {
        if (keys == null) {
            return null;
        }
        for (JWK k : keys.getKeys()) {
            if (!kid.equals(k.getKeyID()) || !(k instanceof ECKey ec)) {
                continue;
            }
            if (!Curve.P_256.equals(ec.getCurve())) {
                continue;
            }
            if (k.getKeyUse() != null && !KeyUse.SIGNATURE.equals(k.getKeyUse())) {
                continue;
            }
            if (k.getKeyOperations() != null && !k.getKeyOperations().contains(KeyOperation.VERIFY)) {
                continue;
            }
            if (k.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(k.getAlgorithm())) {
                continue;
            }
            return ec.toPublicJWK();
        }
        return null;
    }
}
