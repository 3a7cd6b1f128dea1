package dev.rolegate.server.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One client authentication method of RFC 6749 section 2.3 / RFC 7523 ({@code client_secret_basic}
 * now, {@code private_key_jwt} later). {@link ClientAuthentication} picks the method a request uses.
 */
public interface ClientAuthenticator {

    /** The method's registered name, as in {@code token_endpoint_auth_methods_supported}. */
    String methodName();

    /** Whether the request presents credentials of this method (well-formed or not). */
    boolean isPresentIn(ClientAuthRequest request);

    /**
     * Checks the presented credentials.
     *
     * @return a future completing with the authenticated identity, or empty when the credentials are
     *         malformed or wrong; both look the same to the caller on purpose
     */
    CompletableFuture<Optional<String>> authenticate(ClientAuthRequest request);
}
