package testapp.common;

/**
 * A JSON string literal, without a JSON library on the class path. Shared by the server test apps,
 * which build their answer document (docs/STACK-TESTS.md, "Server test app protocol") by hand so
 * that no JSON library of theirs can interfere with what the agent instruments.
 */
public final class Json {
    private Json() {
    }

    /** {@code value} as a quoted JSON string: quotes, backslashes and control characters escaped. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
