package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects problems while a document is read and validated, and formats their locations: YAML
 * problems as {@code line 12, column 9 (roles.reader.allow[0].service)}, JSON problems as
 * {@code $.roles.reader.allow[0].service (line 3, column 17)}, because that is how users of each
 * format look things up. Logical paths are built by {@link #child} and {@link #index}. Problems come
 * out sorted by position, so they read in document order whatever order the checks ran in.
 */
final class Problems {
    /** Enough to fix a document in one round; beyond it the list only buries the first ones. */
    static final int MAX_PROBLEMS = 500;

    enum Format { YAML, JSON }

    private record Positioned(int line, int column, int sequence, Problem problem) {
    }

    private final Format format;
    private final List<Positioned> list = new ArrayList<>();
    private int dropped;

    Problems(Format format) {
        this.format = format;
    }

    Format format() {
        return format;
    }

    void add(int line, int column, String path, String message) {
        if (list.size() >= MAX_PROBLEMS) {
            dropped++;
            return;
        }
        list.add(new Positioned(line, column, list.size(), new Problem(location(line, column, path), message)));
    }

    void add(Node node, String path, String message) {
        add(node.line(), node.column(), path, message);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> toList() {
        List<Positioned> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Positioned::line).thenComparingInt(Positioned::column)
                .thenComparingInt(Positioned::sequence));
        List<Problem> out = new ArrayList<>(sorted.size() + 1);
        for (Positioned p : sorted) {
            out.add(p.problem());
        }
        if (dropped > 0) {
            out.add(new Problem("document", dropped + " more problem(s) not listed"));
        }
        return out;
    }

    String location(int line, int column, String path) {
        if (format == Format.JSON) {
            String jsonPath = path.isEmpty() ? "$" : path.startsWith("[") ? "$" + path : "$." + path;
            return line > 0 ? jsonPath + " (line " + line + ", column " + column + ")" : jsonPath;
        }
        String where = line > 0 ? "line " + line + ", column " + column : "document";
        return path.isEmpty() ? where : where + " (" + path + ")";
    }

    /** The logical path of {@code key} inside {@code parent}; keys that are not plain names are bracketed. */
    static String child(String parent, String key) {
        boolean plain = !key.isEmpty();
        for (int i = 0; i < key.length() && plain; i++) {
            char c = key.charAt(i);
            plain = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
        }
        if (!plain) {
            return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
