package dev.rolegate.agent.runtime.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCacheKeyTest {
    private static final String TAIL = "x".repeat(TokenCacheKey.HASHED_CHARS);

    @Test
    void theSameTokenInAnotherStringIsTheSameKey() {
        String token = "header.payload." + TAIL;

        TokenCacheKey a = new TokenCacheKey(token);
        TokenCacheKey b = new TokenCacheKey(new String(token.toCharArray()));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void tokensThatDifferOnlyBeforeTheHashedTailAreDifferentKeys() {
        TokenCacheKey a = new TokenCacheKey("header.payloadA." + TAIL);
        TokenCacheKey b = new TokenCacheKey("header.payloadB." + TAIL);

        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void tokensShorterThanTheHashedTailAreKeyedWhole() {
        assertThat(new TokenCacheKey("a.b.c")).isEqualTo(new TokenCacheKey("a.b.c"))
                .isNotEqualTo(new TokenCacheKey("a.b.d"));
    }
}
