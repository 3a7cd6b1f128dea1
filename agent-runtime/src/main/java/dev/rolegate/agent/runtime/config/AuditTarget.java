package dev.rolegate.agent.runtime.config;

import java.nio.file.Path;

/**
 * {@code ROLEGATE_AUDIT}: where decision records go.
 *
 * @param kind where
 * @param file the file for {@link Kind#FILE}, else null
 */
public record AuditTarget(Kind kind, Path file) {
    public static final AuditTarget STDOUT = new AuditTarget(Kind.STDOUT, null);
    public static final AuditTarget OFF = new AuditTarget(Kind.OFF, null);

    /** Where records go. */
    public enum Kind { STDOUT, OFF, FILE }

    @Override
    public String toString() {
        return kind == Kind.FILE ? file.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
