package dev.rolegate.server.auth;

/**
 * Outcome of client authentication: the identity, or an RFC 6749 section 5.2 error to answer with.
 *
 * @param identity    the authenticated identity, null on failure
 * @param error       {@code invalid_client} (401) or {@code invalid_request} (400) on failure
 * @param description a human sentence for {@code error_description}; never names the secret
 */
public record AuthResult(String identity, String error, String description) {

    public static AuthResult success(String identity) {
        return new AuthResult(identity, null, null);
    }

    public static AuthResult invalidClient(String description) {
        return new AuthResult(null, "invalid_client", description);
    }

    public static AuthResult invalidRequest(String description) {
        return new AuthResult(null, "invalid_request", description);
    }

    public boolean authenticated() {
        return identity != null;
    }
}
