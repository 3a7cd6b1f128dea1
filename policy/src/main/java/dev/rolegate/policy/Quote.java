package dev.rolegate.policy;

/**
 * Quotes user-supplied text for problem messages and decision reasons, escaping quotes,
 * backslashes and invisible characters so that a message never carries a raw control character
 * and a look-alike character is spelled out.
 */
final class Quote {
    private Quote() {
    }

    private static final int MAX_QUOTED = 200;

    static String of(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        int limit = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || Character.isSurrogate(c)
                    || c == '\u200B' || c == '\uFEFF') {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > limit) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /** {@code 'a' (U+0061)} */
    static String codePoint(int cp) {
        String shown = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ? "" : "'" + new String(Character.toChars(cp)) + "' ";
        return shown + String.format("(U+%04X)", cp);
    }
}
