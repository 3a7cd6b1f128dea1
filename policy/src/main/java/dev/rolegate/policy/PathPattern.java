package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled path pattern. Syntax: starts with {@code /}; segments are literals (matched exactly
 * and case-sensitively, after percent-decoding like request paths), {@code *} or {@code {name}}
 * (exactly one non-empty segment), or {@code **} (zero or more whole segments, anywhere, also in the
 * middle). A trailing slash is insignificant in the pattern and in the request.
 *
 * <p>Matching walks the pre-split segments against the request path in place, with the classic
 * single-backtrack wildcard algorithm: no regular expressions, no allocation, linear in practice
 * (worst case patterns × segments with several {@code **}).
 */
final class PathPattern {
    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte ANY = 2;
    /** Placeholder names are route-template names, so camelCase ({@code {itemId}}) is fine here. */
    private static final Pattern PARAM = Pattern.compile("\\{[A-Za-z0-9_][A-Za-z0-9._-]{0,62}\\}");

    private final String source;
    private final byte[] kinds;
    private final String[] literals;

    private PathPattern(String source, byte[] kinds, String[] literals) {
        this.source = source;
        this.kinds = kinds;
        this.literals = literals;
    }

    /** The pattern as written. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * Compiles {@code pattern}, adding a reason for each malformed part to {@code problems};
     * returns {@code null} when there was any.
     */
    static PathPattern parse(String pattern, List<String> problems) {
        int before = problems.size();
        String quoted = Quote.of(pattern);
        if (pattern.isEmpty()) {
            problems.add("a path pattern must not be empty; use \"/\" for the root or \"/**\" for everything");
            return null;
        }
        if (pattern.charAt(0) != '/') {
            problems.add("path pattern " + quoted + " must start with \"/\"");
            return null;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '?' || c == '#') {
                problems.add("path pattern " + quoted + " contains " + Quote.codePoint(c)
                        + "; patterns match the path only, never a query or fragment");
                return null;
            }
            if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || Character.isWhitespace(c)) {
                problems.add("path pattern " + quoted + " contains whitespace or a control character "
                        + Quote.codePoint(c) + "; percent-encode it (a space is %20)");
                return null;
            }
        }
        int end = pattern.length();
        if (end > 1 && pattern.charAt(end - 1) == '/') {
            end--;
        }
        List<Byte> kindList = new ArrayList<>();
        List<String> literalList = new ArrayList<>();
        Set<String> params = new HashSet<>();
        if (end > 1) {
            String[] segments = pattern.substring(1, end).split("/", -1);
            for (String segment : segments) {
                byte kind = segmentKind(segment, quoted, params, problems);
                if (kind == ANY && !kindList.isEmpty() && kindList.get(kindList.size() - 1) == ANY) {
                    problems.add("path pattern " + quoted + " repeats \"**/**\"; one \"**\" already matches any number of segments");
                }
                kindList.add(kind);
                literalList.add(kind == LITERAL ? literal(segment, quoted, problems) : null);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        byte[] kinds = new byte[kindList.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = kindList.get(i);
        }
        return new PathPattern(pattern, kinds, literalList.toArray(new String[0]));
    }

    private static byte segmentKind(String segment, String quoted, Set<String> params, List<String> problems) {
        if (segment.isEmpty()) {
            problems.add("path pattern " + quoted + " has an empty segment (\"//\")");
            return LITERAL;
        }
        if (segment.equals("**")) {
            return ANY;
        }
        if (segment.equals("*")) {
            return ONE;
        }
        if (segment.indexOf('*') >= 0) {
            problems.add("path pattern " + quoted + ": \"*\" must be a whole segment (\"*\" or \"**\"), not part of "
                    + Quote.of(segment));
            return ONE;
        }
        if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
            if (!PARAM.matcher(segment).matches()) {
                problems.add("path pattern " + quoted + ": " + Quote.of(segment)
                        + " is not a valid placeholder; \"{\" and \"}\" only form a whole segment like \"{id}\"");
            } else if (!params.add(segment)) {
                problems.add("path pattern " + quoted + " uses the placeholder " + segment + " twice");
            }
            return ONE;
        }
        return LITERAL;
    }

    /** The decoded literal, with the same rules as request paths so that both sides compare alike. */
    private static String literal(String segment, String quoted, List<String> problems) {
        if (segment.isEmpty()) {
            return "";
        }
        PathNormalizer.NormalizedPath normalized = PathNormalizer.normalize("/" + segment);
        if (normalized.isRejected()) {
            problems.add("path pattern " + quoted + ": segment " + Quote.of(segment) + " is ambiguous: "
                    + normalized.rejection());
            return "";
        }
        return normalized.path().substring(1);
    }

    /**
     * Whether {@code path} (a normalised path: starts with {@code /}, decoded) matches. A trailing
     * slash is ignored; anything not starting with {@code /} never matches.
     */
    boolean matches(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int end = path.length();
        if (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        int s = end == 1 ? 2 : 1; // start of the current segment; s > end: no segment left
        int p = 0;
        int n = kinds.length;
        int starP = -1;
        int starS = -1;
        while (s <= end) {
            if (p < n && kinds[p] == ANY) {
                starP = p++;
                starS = s;
                continue;
            }
            int se = segmentEnd(path, s, end);
            if (p < n && segmentMatches(p, path, s, se)) {
                p++;
                s = se + 1;
                continue;
            }
            if (starP >= 0) {
                // Let the last "**" swallow one more segment and retry from there.
                p = starP + 1;
                starS = segmentEnd(path, starS, end) + 1;
                s = starS;
                continue;
            }
            return false;
        }
        while (p < n && kinds[p] == ANY) {
            p++;
        }
        return p == n;
    }

    private static int segmentEnd(String path, int s, int end) {
        int slash = path.indexOf('/', s);
        return slash < 0 || slash > end ? end : slash;
    }

    private boolean segmentMatches(int p, String path, int s, int se) {
        if (kinds[p] == ONE) {
            return se > s;
        }
        String literal = literals[p];
        return se - s == literal.length() && path.regionMatches(s, literal, 0, literal.length());
    }
}
