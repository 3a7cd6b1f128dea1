package dev.rolegate.server.auth;

import java.util.Map;

/**
 * What a client presented to authenticate: the {@code Authorization} header (or null) and the form
 * fields of the request body (empty for a GET). {@code private_key_jwt} reads
 * {@code client_assertion} from the form; Basic reads the header.
 */
public record ClientAuthRequest(String authorization, Map<String, String> form) {

    /**
     * For endpoints without a form body: Basic from {@code Authorization}, or a {@code private_key_jwt}
     * assertion from the {@value PrivateKeyJwtAuthenticator#ASSERTION_HEADER} header.
     */
    public static ClientAuthRequest fromHeaders(String authorization, String assertionHeader) {
        if (assertionHeader == null) {
            return new ClientAuthRequest(authorization, Map.of());
        }
        return new ClientAuthRequest(authorization, Map.of(
                "client_assertion_type", PrivateKeyJwtAuthenticator.ASSERTION_TYPE,
                "client_assertion", assertionHeader));
    }
}
