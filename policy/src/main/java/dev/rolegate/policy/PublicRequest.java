package dev.rolegate.policy;

import java.util.List;

/**
 * A compiled {@code public} entry of a service, written {@code "METHOD /pattern"} with exactly one
 * space; {@code METHOD} may be {@code *}. Requests that match need no token.
 *
 * @param method the method, or {@code "*"} for any
 */
record PublicRequest(String method, PathPattern pattern) {

    /** Parses {@code text}; adds reasons to {@code problems} and returns {@code null} when malformed. */
    static PublicRequest parse(String text, List<String> problems) {
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1 || text.indexOf(' ', space + 1) >= 0) {
            problems.add("public entry " + Quote.of(text) + " must be \"METHOD /path\", like \"GET /health\"");
            return null;
        }
        String method = text.substring(0, space);
        int before = problems.size();
        if (!method.equals(Methods.ANY)) {
            String problem = Methods.problem(method);
            if (problem != null) {
                problems.add("public entry " + Quote.of(text) + ": " + problem);
            }
        }
        PathPattern pattern = PathPattern.parse(text.substring(space + 1), problems);
        return problems.size() > before || pattern == null ? null : new PublicRequest(method, pattern);
    }

    boolean matches(String requestMethod, String normalizedPath) {
        return (method.equals(Methods.ANY) || method.equals(requestMethod)) && pattern.matches(normalizedPath);
    }
}
