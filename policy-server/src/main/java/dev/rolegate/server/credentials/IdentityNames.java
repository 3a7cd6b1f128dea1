package dev.rolegate.server.credentials;

import java.util.regex.Pattern;

/** The contract's naming rule for identities (CONTRACT.md section 3), for input the server reads itself. */
public final class IdentityNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private IdentityNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The rule in words, for error messages. */
    public static String rule() {
        return "lowercase ASCII letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters";
    }
}
