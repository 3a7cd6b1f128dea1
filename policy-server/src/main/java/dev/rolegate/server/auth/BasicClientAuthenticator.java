package dev.rolegate.server.auth;

import dev.rolegate.server.credentials.CredentialStore;
import dev.rolegate.server.credentials.IdentityNames;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code client_secret_basic}: {@code Authorization: Basic base64(urlencode(id):urlencode(secret))},
 * with the form-urlencoding of RFC 6749 section 2.3.1 undone on both parts.
 */
public final class BasicClientAuthenticator implements ClientAuthenticator {
    private static final String PREFIX = "basic ";
    private final CredentialStore store;

    public BasicClientAuthenticator(CredentialStore store) {
        this.store = store;
    }

    @Override
    public String methodName() {
        return "client_secret_basic";
    }

    @Override
    public boolean isPresentIn(ClientAuthRequest request) {
        String h = request.authorization();
        return h != null && h.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    public CompletableFuture<Optional<String>> authenticate(ClientAuthRequest request) {
        Optional<Credentials> creds = decode(request.authorization());
        if (creds.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String identity = creds.get().identity();
        return store.verify(identity, creds.get().secret())
                .thenApply(ok -> ok ? Optional.of(identity) : Optional.empty());
    }

    /** Identity and secret from a Basic header; empty when the header is malformed. */
    static Optional<Credentials> decode(String header) {
        if (header == null || header.length() <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(header.substring(PREFIX.length()).strip());
            String pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String identity = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
            if (!IdentityNames.isValid(identity) || secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Credentials(identity, secret));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // Bad base64, bad UTF-8 or a bad %-escape: just wrong credentials to the caller.
            return Optional.empty();
        }
    }

    /** A decoded pair; {@link #toString} hides the secret in case the record is ever logged. */
    record Credentials(String identity, String secret) {
        @Override
        public String toString() {
            return "Credentials[identity=" + identity + ", secret=***]";
        }
    }
}
