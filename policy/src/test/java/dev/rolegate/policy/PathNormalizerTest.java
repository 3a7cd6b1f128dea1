package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathNormalizerTest {

    static Stream<Arguments> acceptedTargets() {
        return Stream.of(
                arguments("/", "/"),
                arguments("/items", "/items"),
                arguments("/items/", "/items"),
                arguments("/items/7", "/items/7"),
                arguments("/items/7/", "/items/7"),
                arguments("/items?x=1", "/items"),
                arguments("/items?", "/items"),
                arguments("/items#frag", "/items"),
                arguments("/items?next=/../admin", "/items"),
                arguments("/items?a=%00", "/items"),
                arguments("/?x", "/"),
                arguments("/Items/ABC", "/Items/ABC"),
                arguments("/items/%41", "/items/A"),
                arguments("/items/a%20b", "/items/a b"),
                arguments("/items/%7Euser", "/items/~user"),
                arguments("/items/%e2%82%ac", "/items/\u20ac"),
                arguments("/items/%E2%82%AC", "/items/\u20ac"),
                arguments("/items/%F0%9F%98%80", "/items/\uD83D\uDE00"),
                arguments("/items/\u00e9t\u00e9", "/items/\u00e9t\u00e9"),
                arguments("/items/...", "/items/..."),
                arguments("/items/.hidden", "/items/.hidden"),
                arguments("/items/a.b", "/items/a.b"),
                arguments("/items/%2E%2E%2E", "/items/..."),
                arguments("/items/%3F", "/items/?"),
                arguments("/items/%23", "/items/#"),
                arguments("/items/%25", "/items/%"),
                arguments("/items/%25zz", "/items/%zz"),
                arguments("/items/50%25", "/items/50%"),
                arguments("http://inventory:8080/items/7?x", "/items/7"),
                arguments("HTTP://inventory/items", "/items"),
                arguments("https://inventory:8443/", "/"),
                arguments("http://inventory:8080", "/"),
                arguments("http://inventory:8080?x=1", "/"),
                arguments("/a/b/c/d/e/f", "/a/b/c/d/e/f"),
                arguments("/items/a+b", "/items/a+b"),
                arguments("/items/a:b@c", "/items/a:b@c"));
    }

    static Stream<Arguments> rejectedTargets() {
        return Stream.of(
                arguments("/items/../admin", "dot segment"),
                arguments("/items/./7", "dot segment"),
                arguments("/..", "dot segment"),
                arguments("/items/..", "dot segment"),
                arguments("/items/%2e%2e/admin", "dot segment"),
                arguments("/items/%2E%2E/admin", "dot segment"),
                arguments("/items/%2e%2E/admin", "dot segment"),
                arguments("/items/.%2e/admin", "dot segment"),
                arguments("/items/%2e/7", "dot segment"),
                arguments("/items/%2e%2e/", "dot segment"),
                arguments("/items//7", "empty path segment"),
                arguments("//items", "empty path segment"),
                arguments("/items//", "empty path segment"),
                arguments("/items/a%2Fb", "encoded slash"),
                arguments("/items/a%2fb", "encoded slash"),
                arguments("/items/a%5Cb", "encoded backslash"),
                arguments("/items/a%5cb", "encoded backslash"),
                arguments("/items\\7", "backslash"),
                arguments("/items;jsessionid=1", "path parameter"),
                arguments("/items/7;x", "path parameter"),
                arguments("/items/%3B", "encoded \";\""),
                arguments("/items/%00", "encoded control character"),
                arguments("/items/%0a", "encoded control character"),
                arguments("/items/%7F", "encoded control character"),
                arguments("/items/%C2%85", "encoded control character"),
                arguments("/items/\u0000", "control character"),
                arguments("/items/\t", "control character"),
                arguments("/items/\u007f", "control character"),
                arguments("/items/\u0085", "control character"),
                arguments("/items/%", "malformed percent-encoding"),
                arguments("/items/%4", "malformed percent-encoding"),
                arguments("/items/%G1", "malformed percent-encoding"),
                arguments("/items/%%41", "malformed percent-encoding"),
                arguments("/items/%252E%252E/admin", "double percent-encoding"),
                arguments("/items/%252F", "double percent-encoding"),
                arguments("/items/%C0%AE%C0%AE/admin", "invalid UTF-8"),
                arguments("/items/%C0%AF", "invalid UTF-8"),
                arguments("/items/%E0%80%AE", "invalid UTF-8"),
                arguments("/items/%ED%A0%80", "invalid UTF-8"),
                arguments("/items/%FF", "invalid UTF-8"),
                arguments("/items/%E2%82", "invalid UTF-8"),
                arguments("/items/%80", "invalid UTF-8"),
                arguments("/items/\uD800", "invalid character"),
                arguments("*", "asterisk-form"),
                arguments("items", "not a path"),
                arguments("inventory:8080", "not a path"),
                arguments("ftp://host/items", "not a path"),
                arguments("http:///items", "no host"),
                arguments("", "empty"),
                arguments("http://inventory/a/../b", "dot segment"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("acceptedTargets")
    void acceptsUnambiguousTargetAndReturnsDecodedPath(String raw, String expected) {
        PathNormalizer.NormalizedPath result = PathNormalizer.normalize(raw);

        assertThat(result.rejection()).isNull();
        assertThat(result.isRejected()).isFalse();
        assertThat(result.path()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} rejected: {1}")
    @MethodSource("rejectedTargets")
    void rejectsAmbiguousTargetWithReason(String raw, String reasonFragment) {
        PathNormalizer.NormalizedPath result = PathNormalizer.normalize(raw);

        assertThat(result.isRejected()).isTrue();
        assertThat(result.path()).isNull();
        assertThat(result.rejection()).contains(reasonFragment);
    }

    @Test
    void rejectsNullTarget() {
        assertThat(PathNormalizer.normalize(null).isRejected()).isTrue();
    }

    @Test
    void neverThrowsAndEitherRejectsOrReturnsAPathForArbitraryInput() {
        Random random = new Random(42);
        String alphabet = "/%.;\\?#aZ09\u0000\u00e9\uD800\uDC00 2fFeEcC5";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "/" : "");
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            PathNormalizer.NormalizedPath result = PathNormalizer.normalize(sb.toString());

            assertThat(result.isRejected() ^ result.path() != null).as(sb.toString()).isTrue();
            if (!result.isRejected()) {
                assertThat(result.path()).as(sb.toString()).startsWith("/").doesNotContain("//");
                assertThat(result.path().equals("/") || !result.path().endsWith("/")).as(sb.toString()).isTrue();
            }
        }
    }

    @Test
    void normalizedPathIsStableWhenNormalizedAgainUnlessItContainsPercent() {
        for (String raw : new String[] {"/items/a%20b/", "/x/%e2%82%ac", "/a/b?c"}) {
            String once = PathNormalizer.normalize(raw).path();

            assertThat(PathNormalizer.normalize(once).path()).isEqualTo(once);
        }
    }
}
