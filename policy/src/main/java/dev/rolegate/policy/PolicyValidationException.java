package dev.rolegate.policy;

import java.util.List;

/** Thrown when a policy document is invalid; carries every problem found, not just the first. */
public final class PolicyValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;
    private final String sourceName;

    public PolicyValidationException(List<Problem> problems) {
        this(null, problems);
    }

    /**
     * @param sourceName the document's name for the message (such as a file name), or {@code null}
     */
    public PolicyValidationException(String sourceName, List<Problem> problems) {
        super(summary(sourceName, problems));
        this.problems = List.copyOf(problems);
        this.sourceName = sourceName;
    }

    /** Every problem, in document order. Never empty. */
    public List<Problem> problems() {
        return problems;
    }

    /** The name given to {@link PolicyParser#parse}, or {@code null}. */
    public String sourceName() {
        return sourceName;
    }

    private static String summary(String sourceName, List<Problem> problems) {
        StringBuilder sb = new StringBuilder(problems.size() + " problem(s) in ")
                .append(sourceName == null ? "policy document" : sourceName);
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
