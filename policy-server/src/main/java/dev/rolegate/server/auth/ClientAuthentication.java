package dev.rolegate.server.auth;

import dev.rolegate.policy.CompiledPolicy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Authenticates a client with whichever method its request uses, then requires the identity to
 * exist in the current policy: credentials alone are not enough, so that deleting an identity from
 * the policy cuts it off at once even while its credentials entry remains.
 */
public final class ClientAuthentication {
    static final String FAILED = "client authentication failed";
    private final List<ClientAuthenticator> methods;
    private final Supplier<CompiledPolicy> policy;

    public ClientAuthentication(List<ClientAuthenticator> methods, Supplier<CompiledPolicy> policy) {
        this.methods = List.copyOf(methods);
        this.policy = policy;
    }

    /** The names of the supported methods, for the OAuth metadata. */
    public List<String> methodNames() {
        return methods.stream().map(ClientAuthenticator::methodName).toList();
    }

    public CompletableFuture<AuthResult> authenticate(ClientAuthRequest request) {
        List<ClientAuthenticator> present = methods.stream().filter(m -> m.isPresentIn(request)).toList();
        if (present.isEmpty()) {
            return CompletableFuture.completedFuture(AuthResult.invalidClient(
                    "no client authentication; use HTTP Basic with the identity and its secret, or private_key_jwt"));
        }
        if (present.size() > 1) {
            // RFC 6749 section 2.3: a client must not use more than one method in a request.
            return CompletableFuture.completedFuture(AuthResult.invalidRequest(
                    "more than one client authentication method in one request"));
        }
        return present.get(0).authenticate(request).thenApply(identity -> identity
                .filter(id -> policy.get().isIdentity(id))
                // Same answer for unknown identity, wrong secret and an identity the policy lacks.
                .map(AuthResult::success)
                .orElseGet(() -> AuthResult.invalidClient(FAILED)));
    }
}
