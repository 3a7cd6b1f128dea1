package dev.rolegate.policy;

import java.util.List;

/**
 * Parses and strictly validates {@code rolegate/v1} documents, in YAML or JSON.
 *
 * <p>Every problem is collected and reported together, each with its location. Rejected: unknown
 * {@code apiVersion}, unknown fields, duplicate keys, YAML 1.1 implicit types where a string is
 * expected ({@code no}, {@code off}, {@code ~}), wrong types, YAML tags, aliases/anchors,
 * unknown references, names that break the contract's rules, malformed patterns and methods.
 *
 * <p>Details:
 * <ul>
 *   <li>JSON is recognised by its first non-blank character being <code>{</code>; anything else is
 *       read as YAML. A leading byte-order mark is ignored.</li>
 *   <li>YAML plain (unquoted) scalars are typed by the YAML 1.1 rules, whatever the parser in use
 *       would do: where a string is expected, {@code no}, {@code on}, {@code ~}, {@code 0755},
 *       {@code 1.0} or {@code 2024-01-01} are errors that quote the value and suggest quoting it.</li>
 *   <li>Explicit YAML tags (even {@code !!str}), anchors and aliases are errors; aliases are never
 *       expanded. Only one YAML document per stream.</li>
 *   <li>Limits: {@value #MAX_CHARS} characters, {@value #MAX_DEPTH} levels of nesting, at most
 *       500 problems listed. Beyond a limit the document is rejected with one clear problem.</li>
 *   <li>Which fields are required, and every rule on names, methods, patterns and addresses, is
 *       described in {@link DocumentValidator}, {@link Names}, {@link Methods}, {@link PathPattern}
 *       and {@link Address}; in short: {@code apiVersion} is required; sections are optional;
 *       identity {@code kind}, role {@code allow}, and rule {@code service}/{@code methods}/{@code paths}
 *       (non-empty) and binding {@code role}/{@code identities} (non-empty) are required.</li>
 * </ul>
 * Location format: YAML {@code line 12, column 9 (roles.reader.allow[0].service)}; JSON
 * {@code $.roles.reader.allow[0].service (line 12, column 9)}.
 */
public final class PolicyParser {
    /** Largest document accepted, in characters (4 MiB). */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Deepest nesting accepted; a valid policy needs six levels. */
    public static final int MAX_DEPTH = 64;

    private PolicyParser() {
    }

    /**
     * Parses a document, detecting JSON (first non-blank character {@code '{'}) or YAML.
     *
     * @param text       the document
     * @param sourceName a name for messages, such as the file name
     * @throws PolicyValidationException with every problem when the document is invalid
     */
    public static PolicyDocument parse(String text, String sourceName) throws PolicyValidationException {
        if (text == null) {
            throw new PolicyValidationException(sourceName, List.of(new Problem("document", "no document given")));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Problems problems = new Problems(isJson(text) ? Problems.Format.JSON : Problems.Format.YAML);
        if (text.length() > MAX_CHARS) {
            problems.add(0, 0, "", "the document is " + text.length() + " characters long; the limit is " + MAX_CHARS);
            throw new PolicyValidationException(sourceName, problems.toList());
        }
        Node root = problems.format() == Problems.Format.JSON
                ? new JsonTreeReader(problems, MAX_DEPTH, MAX_CHARS).read(text)
                : new YamlTreeReader(problems, MAX_DEPTH).read(text);
        PolicyDocument document = root == null ? null : new DocumentValidator(problems).validate(root);
        if (!problems.isEmpty() || document == null) {
            if (problems.isEmpty()) {
                problems.add(0, 0, "", "the document could not be read");
            }
            throw new PolicyValidationException(sourceName, problems.toList());
        }
        return document;
    }

    /** Serialises a validated document to canonical JSON that {@link #parse} reads back to an equal document. */
    public static String toJson(PolicyDocument document) {
        return CanonicalJson.write(document);
    }

    private static boolean isJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }
}
