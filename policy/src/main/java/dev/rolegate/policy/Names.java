package dev.rolegate.policy;

/**
 * The contract's rule for names of services, identities and roles: lowercase ASCII letters,
 * digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, at most 63
 * characters. ASCII only, so that a Cyrillic 'а' can never stand in for a Latin 'a'.
 */
final class Names {
    static final int MAX_LENGTH = 63;

    private Names() {
    }

    /** Why {@code name} breaks the rule, or {@code null} when it is fine. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "a name must not be empty";
        }
        String quoted = Quote.of(name);
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp >= 128) {
                return "name " + quoted + " contains the non-ASCII character " + Quote.codePoint(cp)
                        + "; names use lowercase ASCII letters, digits, '.', '_' and '-'";
            }
            i += Character.charCount(cp);
        }
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!isNameChar(c)) {
                return "name " + quoted + " contains " + Quote.codePoint(c)
                        + "; names use lowercase ASCII letters, digits, '.', '_' and '-'";
            }
        }
        if (upper) {
            return "name " + quoted + " has upper-case letters; names are lower case (" + Quote.of(lowerAscii(name)) + ")";
        }
        if (!isLetterOrDigit(name.charAt(0))) {
            return "name " + quoted + " must start with a lowercase letter or a digit";
        }
        if (name.length() > MAX_LENGTH) {
            return "name " + quoted + " is " + name.length() + " characters long; the limit is " + MAX_LENGTH;
        }
        return null;
    }

    private static boolean isNameChar(char c) {
        return isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    static String lowerAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }
}
