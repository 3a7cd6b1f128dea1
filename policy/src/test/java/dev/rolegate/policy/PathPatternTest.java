package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    private static PathPattern pattern(String text) {
        List<String> problems = new ArrayList<>();
        PathPattern p = PathPattern.parse(text, problems);
        assertThat(problems).as(text).isEmpty();
        return p;
    }

    private static List<String> problemsOf(String text) {
        List<String> problems = new ArrayList<>();
        assertThat(PathPattern.parse(text, problems)).isNull();
        return problems;
    }

    @Test
    void literalMatchesExactly() {
        assertThat(pattern("/items").matches("/items")).isTrue();
    }

    @Test
    void literalIsCaseSensitive() {
        assertThat(pattern("/items").matches("/Items")).isFalse();
    }

    @Test
    void literalDoesNotMatchPrefix() {
        assertThat(pattern("/items").matches("/items2")).isFalse();
    }

    @Test
    void literalDoesNotMatchLongerPath() {
        assertThat(pattern("/items").matches("/items/7")).isFalse();
    }

    @Test
    void starMatchesExactlyOneSegment() {
        assertThat(pattern("/items/*").matches("/items/7")).isTrue();
    }

    @Test
    void starDoesNotMatchTwoSegments() {
        assertThat(pattern("/items/*").matches("/items/7/parts")).isFalse();
    }

    @Test
    void starDoesNotMatchZeroSegments() {
        assertThat(pattern("/items/*").matches("/items")).isFalse();
    }

    @Test
    void starDoesNotMatchAnEmptySegment() {
        assertThat(pattern("/items/*/x").matches("/items//x")).isFalse();
    }

    @Test
    void placeholderMatchesExactlyOneSegment() {
        PathPattern p = pattern("/items/{id}/parts");

        assertThat(p.matches("/items/7/parts")).isTrue();
        assertThat(p.matches("/items/7/8/parts")).isFalse();
    }

    @Test
    void camelCasePlaceholderIsAllowed() {
        assertThat(pattern("/items/{itemId}").matches("/items/abc")).isTrue();
    }

    @Test
    void doubleStarMatchesZeroSegments() {
        assertThat(pattern("/orders/**").matches("/orders")).isTrue();
    }

    @Test
    void doubleStarMatchesManySegments() {
        assertThat(pattern("/orders/**").matches("/orders/1/lines/2")).isTrue();
    }

    @Test
    void doubleStarDoesNotMatchSiblingPrefix() {
        assertThat(pattern("/orders/**").matches("/ordersx/1")).isFalse();
    }

    @Test
    void doubleStarInTheMiddleMatchesZeroSegments() {
        assertThat(pattern("/a/**/z").matches("/a/z")).isTrue();
    }

    @Test
    void doubleStarInTheMiddleMatchesSeveralSegments() {
        assertThat(pattern("/a/**/z").matches("/a/b/c/z")).isTrue();
    }

    @Test
    void doubleStarInTheMiddleStillRequiresTheTail() {
        assertThat(pattern("/a/**/z").matches("/a/b/c")).isFalse();
    }

    @Test
    void doubleStarBacktracksOverRepeatedLiterals() {
        assertThat(pattern("/**/a/b").matches("/a/a/a/b")).isTrue();
    }

    @Test
    void twoDoubleStarsMatchWithSegmentsBetween() {
        PathPattern p = pattern("/**/x/**/y");

        assertThat(p.matches("/1/x/2/3/y")).isTrue();
        assertThat(p.matches("/x/y")).isTrue();
        assertThat(p.matches("/1/y/x")).isFalse();
    }

    @Test
    void leadingDoubleStarMatchesEverythingIncludingRoot() {
        PathPattern p = pattern("/**");

        assertThat(p.matches("/")).isTrue();
        assertThat(p.matches("/anything/at/all")).isTrue();
    }

    @Test
    void rootPatternMatchesOnlyRoot() {
        PathPattern p = pattern("/");

        assertThat(p.matches("/")).isTrue();
        assertThat(p.matches("/items")).isFalse();
    }

    @Test
    void trailingSlashInRequestIsNotSignificant() {
        assertThat(pattern("/items").matches("/items/")).isTrue();
    }

    @Test
    void trailingSlashInPatternIsNotSignificant() {
        assertThat(pattern("/items/").matches("/items")).isTrue();
    }

    @Test
    void percentEncodedLiteralMatchesDecodedPath() {
        assertThat(pattern("/files/a%20b").matches("/files/a b")).isTrue();
    }

    @Test
    void starMatchesDecodedSegmentsWithSpecialCharacters() {
        assertThat(pattern("/items/*").matches("/items/a?b")).isTrue();
    }

    @Test
    void pathNotStartingWithSlashNeverMatches() {
        assertThat(pattern("/**").matches("items")).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "items|must start with \"/\"",
            "''|must not be empty",
            "/a//b|empty segment",
            "/a/b*|must be a whole segment",
            "/a/*b|must be a whole segment",
            "/a/***|must be a whole segment",
            "/a/{id|not a valid placeholder",
            "/a/x{id}|not a valid placeholder",
            "/a/{}|not a valid placeholder",
            "/a/{my id}|whitespace",
            "/a/{id}/{id}|twice",
            "/a/**/**|repeats",
            "/a?x=1|query or fragment",
            "/a#top|query or fragment",
            "/a/../b|dot segment",
            "/a/./b|dot segment",
            "/a/%2e%2e|dot segment",
            "/a;x|path parameter",
            "/a\\b|backslash",
            "/a/%2F|encoded slash",
            "/a/%zz|malformed percent-encoding",
            "/a b|whitespace",
    })
    void rejectsMalformedPatternWithReason(String text, String reasonFragment) {
        assertThat(problemsOf(text)).anySatisfy(p -> assertThat(p).contains(reasonFragment));
    }
}
