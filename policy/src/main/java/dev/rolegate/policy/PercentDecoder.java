package dev.rolegate.policy;

/**
 * Decodes the percent-encoding of a request path exactly once, for {@link PathNormalizer}, and
 * rejects every encoding that some server or framework would read differently: encoded {@code /},
 * {@code \}, {@code ;}, controls, malformed escapes, bytes that are not shortest-form UTF-8, and a
 * decoded {@code %} that starts another escape (double encoding). Dot segments are checked again
 * after decoding because {@code %2e%2E} is {@code ..} to whoever decodes it.
 */
final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes {@code raw[start, end)}, a path that {@link PathNormalizer} has already checked for raw
     * characters, empty segments and raw dot segments, and whose trailing slash has been removed.
     */
    static PathNormalizer.NormalizedPath decodePath(String raw, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        byte[] bytes = new byte[(end - start) / 3 + 1];
        int i = start;
        while (i < end) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int count = 0;
            while (i < end && raw.charAt(i) == '%') {
                int high = i + 1 < end ? hex(raw.charAt(i + 1)) : -1;
                int low = i + 2 < end ? hex(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    return reject("malformed percent-encoding \"" + raw.substring(i, Math.min(end, i + 3)) + "\"");
                }
                int b = high << 4 | low;
                String problem = forbiddenByte(b);
                if (problem != null) {
                    return reject(problem + " (" + raw.substring(i, i + 3) + ") in path");
                }
                bytes[count++] = (byte) b;
                i += 3;
            }
            String problem = appendUtf8(bytes, count, out);
            if (problem != null) {
                return reject(problem);
            }
        }
        String decoded = out.toString();
        String problem = checkDecoded(decoded);
        return problem != null ? reject(problem) : new PathNormalizer.NormalizedPath(decoded, null);
    }

    private static PathNormalizer.NormalizedPath reject(String reason) {
        return PathNormalizer.NormalizedPath.rejected(reason);
    }

    /** A reason if the decoded byte must not appear encoded in a path, else {@code null}. */
    private static String forbiddenByte(int b) {
        if (b < 0x20 || b == 0x7F) {
            return "encoded control character";
        }
        switch (b) {
            case '/':
                return "encoded slash";
            case '\\':
                return "encoded backslash";
            case ';':
                return "encoded \";\"";
            default:
                return null;
        }
    }

    /** Dot segments and double encoding, visible only once decoded. */
    private static String checkDecoded(String decoded) {
        int segmentStart = 1;
        for (int i = 1; i <= decoded.length(); i++) {
            if (i == decoded.length() || decoded.charAt(i) == '/') {
                if (PathNormalizer.isDotSegment(decoded, segmentStart, i)) {
                    return "encoded dot segment \"" + decoded.substring(segmentStart, i) + "\" in path";
                }
                segmentStart = i + 1;
            } else if (decoded.charAt(i) == '%' && i + 2 < decoded.length()
                    && hex(decoded.charAt(i + 1)) >= 0 && hex(decoded.charAt(i + 2)) >= 0) {
                return "double percent-encoding \"%25" + decoded.substring(i + 1, i + 3) + "\" in path";
            }
        }
        return null;
    }

    /**
     * Appends the UTF-8 text in {@code bytes[0, count)}; returns a reason when it is not valid,
     * shortest-form UTF-8 of non-control characters.
     */
    private static String appendUtf8(byte[] bytes, int count, StringBuilder out) {
        int j = 0;
        while (j < count) {
            int b0 = bytes[j] & 0xFF;
            int length;
            int min;
            int cp;
            if (b0 < 0x80) {
                out.append((char) b0);
                j++;
                continue;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                length = 2;
                min = 0x80;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                length = 3;
                min = 0x800;
                cp = b0 & 0x0F;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                length = 4;
                min = 0x10000;
                cp = b0 & 0x07;
            } else {
                return "invalid UTF-8 in percent-encoding";
            }
            if (j + length > count) {
                return "invalid UTF-8 in percent-encoding";
            }
            for (int k = 1; k < length; k++) {
                int b = bytes[j + k] & 0xFF;
                if ((b & 0xC0) != 0x80) {
                    return "invalid UTF-8 in percent-encoding";
                }
                cp = cp << 6 | (b & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return "invalid UTF-8 in percent-encoding";
            }
            if (cp <= 0x9F) {
                return "encoded control character in path";
            }
            out.appendCodePoint(cp);
            j += length;
        }
        return null;
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
