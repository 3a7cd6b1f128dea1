package dev.rolegate.agent.runtime.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;

/**
 * Builds compact JWS strings from raw header and payload JSON text, so that a test can send what no
 * well-behaved library would produce (an {@code alg} of {@code nOnE} with a real ES256 signature, a
 * header nested thousands of levels deep, a {@code kid} of 10 KB) through the agent's verifier.
 */
final class RawJws {
    private RawJws() {
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code header.payload.} with an empty signature, as {@code alg: none} tokens are. */
    static String unsigned(String headerJson, String payloadJson) {
        return b64(headerJson) + "." + b64(payloadJson) + ".";
    }

    /** A real ES256 signature by {@code key} over whatever header text is given. */
    static String es256(ECKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Base64URL sig = new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + sig;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HMAC-SHA256 signature keyed with {@code secret} (the classic public-key-as-HMAC-secret attack). */
    static String hs256(byte[] secret, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Base64URL sig = new MACSigner(secret).sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + sig;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
