package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML into a {@link Node} tree from SnakeYAML's event stream (the engine under Jackson's YAML
 * module), rather than through Jackson's {@code YAMLParser}, because only the events say whether a
 * scalar was quoted: {@code no} and {@code "no"} arrive as the same text otherwise.
 *
 * <p>Working on events also means nothing is ever constructed from the document: explicit tags
 * ({@code !!javax.script.ScriptEngineManager}, even {@code !!str}) are reported, anchors and aliases
 * are reported and never expanded (so "billion laughs" cannot grow anything), duplicate keys are
 * reported each time (SnakeYAML's composer would keep the last silently), and depth is bounded here
 * so no recursion can overflow the stack. A second document in the stream is reported.
 */
final class YamlTreeReader {
    private static final String STANDARD_TAG_PREFIX = "tag:yaml.org,2002:";
    private final Problems problems;
    private final int maxDepth;
    private ParserImpl parser;

    YamlTreeReader(Problems problems, int maxDepth) {
        this.problems = problems;
        this.maxDepth = maxDepth;
    }

    /** The root node, or {@code null} when the stream could not be read at all (problems say why). */
    Node read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(maxDepth + 1);
        options.setCodePointLimit(Math.max(text.length() + 1, 1024));
        options.setAllowRecursiveKeys(false);
        try {
            parser = new ParserImpl(new StreamReader(text), options);
            expect(Event.ID.StreamStart);
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                problems.add(1, 1, "", "the document is empty");
                return null;
            }
            expect(Event.ID.DocumentStart);
            Node root = readNode(0, "");
            expect(Event.ID.DocumentEnd);
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                Event extra = parser.peekEvent();
                add(extra.getStartMark(), "", "more than one YAML document in the stream; a policy is a single document");
            }
            return root;
        } catch (DepthExceeded e) {
            return null;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            add(mark, "", "YAML syntax error: " + what + context);
            return null;
        } catch (ReaderException e) {
            int[] at = lineAndColumn(text, e.getPosition());
            problems.add(at[0], at[1], "", "YAML does not allow the character " + Quote.codePoint(e.getCodePoint())
                    + " here; remove it or write it as an escape in a double-quoted string");
            return null;
        } catch (YAMLException e) {
            problems.add(0, 0, "", "YAML could not be read: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // SnakeYAML signals a few malformed inputs with other runtime exceptions; any of them
            // must become a problem, never escape as a crash of the caller.
            problems.add(0, 0, "", "YAML could not be read: " + e);
            return null;
        }
    }

    /** 1-based line and column of the code point at {@code codePointIndex}. */
    private static int[] lineAndColumn(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; index++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private void expect(Event.ID id) {
        Event e = parser.getEvent();
        if (!e.is(id)) {
            throw new YAMLException("unexpected " + e.getEventId() + " where " + id + " was expected");
        }
    }

    private Node readNode(int depth, String path) {
        Event event = parser.getEvent();
        int line = event.getStartMark().getLine() + 1;
        int column = event.getStartMark().getColumn() + 1;
        if (depth > maxDepth) {
            problems.add(line, column, path, "the document is nested more than " + maxDepth + " levels deep");
            throw new DepthExceeded();
        }
        if (event instanceof AliasEvent alias) {
            problems.add(line, column, path, "YAML alias *" + alias.getAnchor()
                    + " is not allowed; write the value out in full");
            return new Node.ScalarNode("*" + alias.getAnchor(), Node.ScalarKind.OTHER, line, column);
        }
        checkAnchor((NodeEvent) event, line, column, path);
        if (event instanceof ScalarEvent scalar) {
            checkTag(scalar.getTag(), line, column, path);
            Node.ScalarKind kind = scalar.isPlain()
                    ? Yaml11Types.classifyPlain(scalar.getValue())
                    : Node.ScalarKind.STRING;
            return new Node.ScalarNode(scalar.getValue(), kind, line, column);
        }
        checkTag(((CollectionStartEvent) event).getTag(), line, column, path);
        if (event.is(Event.ID.SequenceStart)) {
            List<Node> items = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                items.add(readNode(depth + 1, Problems.index(path, items.size())));
            }
            parser.getEvent();
            return new Node.ListNode(List.copyOf(items), line, column);
        }
        return readMapping(depth, path, line, column);
    }

    private Node readMapping(int depth, String path, int line, int column) {
        List<Node.Entry> entries = new ArrayList<>();
        Map<String, Node.Entry> seen = new HashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.peekEvent();
            int keyLine = keyEvent.getStartMark().getLine() + 1;
            int keyColumn = keyEvent.getStartMark().getColumn() + 1;
            Node keyNode = readNode(depth + 1, path);
            if (!(keyNode instanceof Node.ScalarNode key)) {
                problems.add(keyLine, keyColumn, path, "a mapping key must be a plain name, not " + keyNode.describe());
                readNode(depth + 1, path);
                continue;
            }
            String childPath = Problems.child(path, key.text());
            Node value = readNode(depth + 1, childPath);
            Node.Entry entry = new Node.Entry(key.text(), key.kind(), keyLine, keyColumn, value);
            Node.Entry first = seen.putIfAbsent(key.text(), entry);
            if (first != null) {
                problems.add(keyLine, keyColumn, childPath, "duplicate key \"" + key.text()
                        + "\" (first at line " + first.keyLine() + ", column " + first.keyColumn() + ")");
            } else {
                entries.add(entry);
            }
        }
        parser.getEvent();
        return new Node.MapNode(List.copyOf(entries), line, column);
    }

    private void checkAnchor(NodeEvent event, int line, int column, String path) {
        if (event.getAnchor() != null) {
            problems.add(line, column, path, "YAML anchor &" + event.getAnchor()
                    + " is not allowed; anchors and aliases are not supported in policies");
        }
    }

    private void checkTag(String tag, int line, int column, String path) {
        if (tag != null) {
            String shown = tag.startsWith(STANDARD_TAG_PREFIX) ? "!!" + tag.substring(STANDARD_TAG_PREFIX.length()) : tag;
            problems.add(line, column, path, "YAML tag " + Quote.of(shown)
                    + " is not allowed; remove it (quote the value if it must be a string)");
        }
    }

    private void add(Mark mark, String path, String message) {
        if (mark == null) {
            problems.add(0, 0, path, message);
        } else {
            problems.add(mark.getLine() + 1, mark.getColumn() + 1, path, message);
        }
    }

    /** Stops reading a document that is nested too deeply; the problem is already recorded. */
    private static final class DepthExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DepthExceeded() {
            super(null, null, false, false);
        }
    }
}
