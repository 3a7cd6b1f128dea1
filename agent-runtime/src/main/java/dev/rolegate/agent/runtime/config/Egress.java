package dev.rolegate.agent.runtime.config;

import java.util.Locale;

/**
 * {@code ROLEGATE_EGRESS}: whether the agent checks its own outgoing calls to known services against
 * the policy before sending them.
 */
public enum Egress {
    /** No check. */
    OFF,
    /** Send every call, audit the ones the receiver would refuse as {@code would-deny} (the default). */
    MONITOR,
    /** Fail refused calls locally; nothing is sent. */
    ENFORCE;

    /** The value as written in the configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured value (surrounding blanks and case ignored); null when unknown. */
    public static Egress parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Egress e : values()) {
            if (e.wireName().equals(v)) {
                return e;
            }
        }
        return null;
    }
}
