package dev.rolegate.policy;

/**
 * The rule for HTTP methods in policies: an upper-case RFC 9110 token (letters A-Z, digits and the
 * token punctuation except {@code *}), or exactly {@code "*"} for any method. HTTP methods are case
 * sensitive, so {@code get} is not {@code GET}; {@code *} inside a token would look like a wildcard
 * and is refused.
 */
final class Methods {
    static final String ANY = "*";

    private Methods() {
    }

    /** Why {@code method} is not a method token, or {@code null}. Does not accept {@code "*"}. */
    static String problem(String method) {
        if (method.isEmpty()) {
            return "a method must not be empty";
        }
        boolean lower = false;
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c == '*') {
                return "method " + Quote.of(method) + " mixes \"*\" into a name; \"*\" alone means any method";
            } else if (!isUpperTokenChar(c)) {
                return "method " + Quote.of(method) + " is not an HTTP method token (it contains "
                        + Quote.codePoint(method.codePointAt(i)) + ")";
            }
        }
        if (lower) {
            return "method " + Quote.of(method) + " must be upper case: " + Quote.of(upperAscii(method));
        }
        return null;
    }

    private static boolean isUpperTokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'+-.^_`|~".indexOf(c) >= 0;
    }

    private static String upperAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return sb.toString();
    }
}
