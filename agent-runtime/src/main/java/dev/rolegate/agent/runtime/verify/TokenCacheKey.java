package dev.rolegate.agent.runtime.verify;

/**
 * The verified-token cache's key: a token string, hashed on its last {@value #HASHED_CHARS}
 * characters only and compared in full.
 *
 * <p>Why: every request brings its token as a fresh string, so {@link String#hashCode()} is never
 * cached and would walk the whole token (several hundred characters) on every cache hit; a JFR
 * profile of the end-to-end benchmark showed that walk as the largest cost of the verifier. The
 * tail of a compact JWS is its signature, which is random for ES256, so it spreads keys as well as
 * the whole string would. Equality still compares every character, so a hit is only ever the very
 * token that was verified; only verified tokens are cached, so crafted collisions cannot fill it.
 */
final class TokenCacheKey {
    static final int HASHED_CHARS = 32;

    private final String token;
    private final int hash;

    TokenCacheKey(String token) {
        this.token = token;
        int h = 1;
        for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
            h = 31 * h + token.charAt(i);
        }
        this.hash = h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenCacheKey other && other.hash == hash && other.token.equals(token);
    }
}
