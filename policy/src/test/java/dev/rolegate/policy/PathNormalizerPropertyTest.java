package dev.rolegate.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link PathNormalizer} over generated request targets built from the characters and
 * escapes that path attacks are made of. Tries are bounded so that the run stays within seconds.
 */
class PathNormalizerPropertyTest {
    /** Pieces of hostile paths: separators, dots, escapes of them, controls, overlong and double encodings. */
    private static final List<String> PIECES = List.of("/", "/", "/", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "\\",
            ";", "%3b", "%00", "%0a", "\u0001", "%7f", "%c0%ae", "%C0%AF", "%e0%80%ae", "%25", "%252e", "%41", "%7e",
            "%", "%z", "?", "#", "items", "a", "B", "7", "-", "_", "~", "\u00e9", "%C3%A9", "%ed%a0%80", " ", "+", "*",
            "{", "}", "%u002e");

    private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> path = Arbitraries.of(PIECES).list().ofMaxSize(16).map(l -> String.join("", l));
        Arbitrary<String> prefix = Arbitraries.of("/", "/", "/", "http://host", "http://host:8080/", "");
        return Combinators.combine(prefix, path).as((p, s) -> p + s);
    }

    @Property(tries = 3000)
    void neverThrowsForAnyString(@ForAll String anything) {
        PathNormalizer.NormalizedPath n = PathNormalizer.normalize(anything);

        assertThat(n).isNotNull();
        assertThat(n.isRejected() ? n.rejection() : n.path()).isNotNull();
    }

    @Property(tries = 3000)
    void isIdempotentOnItsOwnOutput(@ForAll("targets") String target) {
        PathNormalizer.NormalizedPath once = PathNormalizer.normalize(target);
        Assume.that(!once.isRejected());

        // The output is decoded text; '%', '?' and '#' in it must be escaped again to be read as a path.
        PathNormalizer.NormalizedPath twice = PathNormalizer.normalize(reescape(once.path()));

        assertThat(twice.isRejected()).as(twice.rejection()).isFalse();
        assertThat(twice.path()).isEqualTo(once.path());
    }

    @Property(tries = 3000)
    void neverYieldsDotSegmentsDoubleSlashesOrATrailingSlash(@ForAll("targets") String target) {
        PathNormalizer.NormalizedPath n = PathNormalizer.normalize(target);
        Assume.that(!n.isRejected());
        String p = n.path();

        assertThat(p).startsWith("/").doesNotContain("//").doesNotContain("\\");
        assertThat(p.equals("/") || !p.endsWith("/")).as(p).isTrue();
        for (String segment : p.substring(1).split("/", -1)) {
            assertThat(segment).isNotIn(".", "..");
        }
    }

    @Property(tries = 2000)
    void percentEncodingUnreservedCharactersChangesNeitherThePathNorTheDecision(
            @ForAll("unreservedPaths") List<String> segments, @ForAll("encodeMasks") List<Boolean> mask,
            @ForAll boolean lowerHex) {
        CompiledPolicy policy = TestPolicies.base();
        String plain = "/" + String.join("/", segments);
        String encoded = encode(plain, mask, lowerHex);

        PathNormalizer.NormalizedPath a = PathNormalizer.normalize(plain);
        PathNormalizer.NormalizedPath b = PathNormalizer.normalize(encoded);

        assertThat(b.isRejected()).as(encoded).isEqualTo(a.isRejected());
        if (!a.isRejected()) {
            assertThat(b.path()).isEqualTo(a.path());
            for (String method : List.of("GET", "POST")) {
                assertThat(decision(policy, method, b.path())).as(encoded).isEqualTo(decision(policy, method, a.path()));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> unreservedPaths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("items", "orders", "status", "health", "1", "7", "x", "..", "."),
                Arbitraries.strings().withChars(UNRESERVED).ofMinLength(1).ofMaxLength(8));
        return segment.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Boolean>> encodeMasks() {
        return Arbitraries.of(true, false).list().ofSize(64);
    }

    private static boolean decision(CompiledPolicy policy, String method, String path) {
        return policy.decide("nightly-report", List.of("inventory-reader", "inventory-writer", "order-admin"),
                "inventory", method, path).allowed();
    }

    /** Percent-encodes the unreserved characters that {@code mask} selects (by position, cyclically). */
    private static String encode(String path, List<Boolean> mask, boolean lowerHex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' && mask.get(i % mask.size())) {
                String hex = String.format("%%%02X", (int) c);
                out.append(lowerHex ? hex.toLowerCase(Locale.ROOT) : hex);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String reescape(String decoded) {
        return decoded.replace("%", "%25").replace("?", "%3F").replace("#", "%23");
    }
}
