package dev.rolegate.policy;

import java.util.regex.Pattern;

/**
 * Tells what YAML 1.1 implicit resolution makes of an unquoted (plain) scalar. Many YAML tools
 * (PyYAML, older SnakeYAML configurations, Ruby) still resolve {@code no}, {@code off},
 * {@code 0755} or {@code 1:20} as booleans and numbers; a policy that means the string "no" must
 * quote it, or another tool reading the same file would see a different document. The patterns
 * follow the YAML 1.1 type repository (bool, null, int, float, timestamp, merge, value).
 * Only used while parsing, never on the request path, so regular expressions are fine here.
 */
final class Yaml11Types {
    private Yaml11Types() {
    }

    private static final Pattern BOOL = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?0o[0-7_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:\\.[0-9][0-9_]*|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                    + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");
    private static final Pattern SPECIAL = Pattern.compile("<<|=");

    /** The kind YAML 1.1 gives a plain scalar with this text. */
    static Node.ScalarKind classifyPlain(String text) {
        if (NULL.matcher(text).matches()) {
            return Node.ScalarKind.NULL;
        }
        if (BOOL.matcher(text).matches()) {
            return Node.ScalarKind.BOOLEAN;
        }
        if (INT.matcher(text).matches()) {
            return Node.ScalarKind.INTEGER;
        }
        if (FLOAT.matcher(text).matches()) {
            return Node.ScalarKind.FLOAT;
        }
        if (TIMESTAMP.matcher(text).matches()) {
            return Node.ScalarKind.TIMESTAMP;
        }
        if (SPECIAL.matcher(text).matches()) {
            return Node.ScalarKind.OTHER;
        }
        return Node.ScalarKind.STRING;
    }
}
