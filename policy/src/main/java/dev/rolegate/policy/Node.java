package dev.rolegate.policy;

import java.util.List;

/**
 * The format-neutral tree that both the YAML and the JSON reader produce. Validation runs on this
 * tree rather than on Jackson's {@code JsonNode} because it has to keep, for every value, its line
 * and column and whether YAML would have read a plain scalar as something other than a string.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    /** 1-based line and column where the node starts. */
    int line();

    int column();

    /** A short description of the node's type for messages ("a mapping", "a list", "the boolean no"). */
    String describe();

    /**
     * What a scalar is. YAML plain scalars get the type that YAML 1.1 resolution would give them, so
     * that {@code no} is a {@code BOOLEAN} even though SnakeYAML hands it over as text.
     */
    enum ScalarKind {
        STRING("string"), NULL("null"), BOOLEAN("boolean"), INTEGER("number"), FLOAT("number"),
        TIMESTAMP("timestamp"), OTHER("special value");

        final String label;

        ScalarKind(String label) {
            this.label = label;
        }
    }

    /** A mapping entry; {@code key} is the key's text, located at {@code keyLine}/{@code keyColumn}. */
    record Entry(String key, ScalarKind keyKind, int keyLine, int keyColumn, Node value) {
    }

    /** A mapping; entries in document order, duplicates already reported and dropped by the reader. */
    record MapNode(List<Entry> entries, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }

        Entry get(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** A sequence. */
    record ListNode(List<Node> items, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar with its text exactly as written (for JSON numbers, their literal text). */
    record ScalarNode(String text, ScalarKind kind, int line, int column) implements Node {
        @Override
        public String describe() {
            if (kind == ScalarKind.STRING) {
                return "the string \"" + text + "\"";
            }
            if (kind == ScalarKind.NULL) {
                return text.isEmpty() ? "nothing (null)" : "null (" + text + ")";
            }
            return "the " + kind.label + " " + text;
        }
    }
}
