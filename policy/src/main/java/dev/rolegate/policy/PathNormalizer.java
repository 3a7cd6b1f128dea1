package dev.rolegate.policy;

/**
 * Turns a raw HTTP request target into the path that is decided on, or rejects it as ambiguous
 * (CONTRACT.md section 5, row 2).
 *
 * <p>Accepts origin-form ({@code /a/b?q}) and absolute-form ({@code http://host/a/b}) targets; the
 * query string and fragment play no part (they are cut off before anything else is looked at).
 * Rejected: {@code .} and {@code ..} segments (also percent-encoded), {@code //}, {@code %2F}, {@code %5C},
 * a raw {@code \}, {@code ;} path parameters, {@code %00} and control characters, malformed
 * percent-encoding, a target that is not a path.
 *
 * <p>Decisions made here, each because some server or framework would otherwise route the request
 * differently from what is decided:
 * <ul>
 *   <li>Percent-encoding is decoded exactly once; the result is decoded UTF-8 text with no trailing
 *       slash (except the root {@code /}).</li>
 *   <li>Encoded bytes must form valid, shortest-form UTF-8 ({@code %C0%AE}, an overlong '.', is
 *       rejected; so are encoded surrogates).</li>
 *   <li>{@code %25} decodes to {@code %}; if that {@code %} is followed by two hex digits in the
 *       decoded path ({@code %252E}), the target is rejected as double encoding, since a component
 *       that decodes again would see a different path.</li>
 *   <li>Controls are rejected raw and encoded: C0 ({@code %00}-{@code %1F}), DEL and C1
 *       (U+0080-U+009F). An encoded {@code ;} ({@code %3B}) is rejected like a raw one.</li>
 *   <li>Raw non-ASCII characters are kept as they are (the server has already decoded the bytes);
 *       unpaired surrogates are rejected.</li>
 *   <li>A trailing slash is not significant: {@code /items/} becomes {@code /items}.</li>
 * </ul>
 * The common case (no {@code %}) allocates only the result.
 */
public final class PathNormalizer {
    private PathNormalizer() {
    }

    private static final NormalizedPath ROOT = new NormalizedPath("/", null);

    /** Normalises {@code rawTarget}; never throws for any input. */
    public static NormalizedPath normalize(String rawTarget) {
        try {
            return doNormalize(rawTarget);
        } catch (RuntimeException e) {
            // Defensive: the contract is "never throws"; an unexpected input fails closed.
            return NormalizedPath.rejected("request target could not be read");
        }
    }

    private static NormalizedPath doNormalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NormalizedPath.rejected("empty request target");
        }
        int start;
        if (raw.charAt(0) == '/') {
            start = 0;
        } else if (raw.equals("*")) {
            return NormalizedPath.rejected("asterisk-form request target is not a path");
        } else {
            int schemeEnd = absoluteFormSchemeEnd(raw);
            if (schemeEnd < 0) {
                return NormalizedPath.rejected("request target is not a path");
            }
            start = schemeEnd;
            while (start < raw.length() && "/?#".indexOf(raw.charAt(start)) < 0) {
                start++;
            }
            if (start == schemeEnd) {
                return NormalizedPath.rejected("absolute-form request target has no host");
            }
            if (start == raw.length() || raw.charAt(start) != '/') {
                return ROOT;
            }
        }
        int end = start;
        boolean hasPercent = false;
        while (end < raw.length()) {
            char c = raw.charAt(end);
            if (c == '?' || c == '#') {
                break;
            }
            hasPercent |= c == '%';
            end++;
        }
        String rejection = checkRaw(raw, start, end);
        if (rejection != null) {
            return NormalizedPath.rejected(rejection);
        }
        if (end - start > 1 && raw.charAt(end - 1) == '/') {
            end--; // trailing slash is not significant; checkRaw already refused "//"
        }
        if (!hasPercent) {
            return new NormalizedPath(start == 0 && end == raw.length() ? raw : raw.substring(start, end), null);
        }
        return PercentDecoder.decodePath(raw, start, end);
    }

    /** Index just after {@code http://} or {@code https://} (any case), or -1. */
    private static int absoluteFormSchemeEnd(String raw) {
        if (raw.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        if (raw.regionMatches(true, 0, "https://", 0, 8)) {
            return 8;
        }
        return -1;
    }

    /**
     * Checks the raw path {@code [start, end)} (which starts with '/') for characters and segments
     * that are ambiguous before any decoding; returns a reason or {@code null}.
     */
    private static String checkRaw(String raw, int start, int end) {
        int segmentStart = start + 1;
        for (int i = start + 1; i <= end; i++) {
            char c = i < end ? raw.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0 && i != end) {
                    // Only the last segment may be empty: "/" itself, or a trailing slash.
                    return "empty path segment (//)";
                }
                if (isDotSegment(raw, segmentStart, i)) {
                    return "dot segment \"" + raw.substring(segmentStart, i) + "\" in path";
                }
                segmentStart = i + 1;
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                return "control character in path";
            } else if (c == '\\') {
                return "backslash in path";
            } else if (c == ';') {
                return "\";\" path parameter in path";
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= end || !Character.isLowSurrogate(raw.charAt(i + 1))) {
                    return "invalid character in path";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "invalid character in path";
            }
        }
        return null;
    }

    /** Whether {@code s[from, to)} is {@code .} or {@code ..}. */
    static boolean isDotSegment(CharSequence s, int from, int to) {
        int length = to - from;
        return (length == 1 && s.charAt(from) == '.')
                || (length == 2 && s.charAt(from) == '.' && s.charAt(from + 1) == '.');
    }

    /**
     * Result of {@link #normalize}: either {@code path} is set, or {@code rejection} says why the
     * target is ambiguous.
     */
    public record NormalizedPath(String path, String rejection) {
        public boolean isRejected() {
            return rejection != null;
        }

        /** A rejection with this reason. */
        static NormalizedPath rejected(String reason) {
            return new NormalizedPath(null, reason);
        }
    }
}
