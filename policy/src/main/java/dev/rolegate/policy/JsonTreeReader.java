package dev.rolegate.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into a {@link Node} tree with Jackson's streaming parser, keeping each value's line and
 * column. Jackson's own {@code STRICT_DUPLICATE_DETECTION} stops at the first duplicate key; this
 * reader detects duplicates itself so that every one of them is reported, with the location of the
 * first occurrence. Nesting depth and document size are bounded by {@link StreamReadConstraints},
 * so a hostile document fails with a problem instead of a {@code StackOverflowError}.
 */
final class JsonTreeReader {
    private final Problems problems;
    private final JsonFactory factory;

    JsonTreeReader(Problems problems, int maxDepth, int maxChars) {
        this.problems = problems;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxDocumentLength(maxChars)
                        .maxStringLength(maxChars)
                        .maxNameLength(4096)
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    /** The root node, or {@code null} when the text is not well-formed JSON (problems say why). */
    Node read(String text) {
        try (JsonParser parser = factory.createParser(text)) {
            return readRoot(parser);
        } catch (IOException | RuntimeException e) {
            problems.add(0, 0, "", "JSON could not be read: " + e.getMessage());
            return null;
        }
    }

    private Node readRoot(JsonParser parser) throws IOException {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(1, 1, "", "the document is empty");
                return null;
            }
            Node root = readValue(parser, "");
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "", "unexpected content after the end of the document");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Constraint violations carry no location of their own; the parser knows where it stopped.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            problems.add(at.getLineNr(), at.getColumnNr(), "", "JSON syntax error: " + e.getOriginalMessage());
            return null;
        }
    }

    private Node readValue(JsonParser parser, String path) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser, path, line, column);
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, Problems.index(path, items.size())));
                }
                return new Node.ListNode(List.copyOf(items), line, column);
            }
            case VALUE_STRING:
                return new Node.ScalarNode(parser.getText(), Node.ScalarKind.STRING, line, column);
            case VALUE_NUMBER_INT:
                return new Node.ScalarNode(parser.getText(), Node.ScalarKind.INTEGER, line, column);
            case VALUE_NUMBER_FLOAT:
                return new Node.ScalarNode(parser.getText(), Node.ScalarKind.FLOAT, line, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.ScalarNode(parser.getText(), Node.ScalarKind.BOOLEAN, line, column);
            case VALUE_NULL:
                return new Node.ScalarNode("null", Node.ScalarKind.NULL, line, column);
            default:
                return new Node.ScalarNode(parser.getText(), Node.ScalarKind.OTHER, line, column);
        }
    }

    private Node readObject(JsonParser parser, String path, int line, int column) throws IOException {
        List<Node.Entry> entries = new ArrayList<>();
        Map<String, Node.Entry> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation keyAt = parser.currentTokenLocation();
            String key = parser.currentName();
            String childPath = Problems.child(path, key);
            parser.nextToken();
            Node value = readValue(parser, childPath);
            Node.Entry entry = new Node.Entry(key, Node.ScalarKind.STRING, keyAt.getLineNr(), keyAt.getColumnNr(), value);
            Node.Entry first = seen.putIfAbsent(key, entry);
            if (first != null) {
                problems.add(entry.keyLine(), entry.keyColumn(), childPath, "duplicate key \"" + key
                        + "\" (first at line " + first.keyLine() + ", column " + first.keyColumn() + ")");
            } else {
                entries.add(entry);
            }
        }
        return new Node.MapNode(List.copyOf(entries), line, column);
    }
}
