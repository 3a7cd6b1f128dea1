package dev.rolegate.agent.runtime.config;

import java.util.Locale;

/** {@code ROLEGATE_MODE}. */
public enum Mode {
    /** Deny what the policy does not allow. */
    ENFORCE,
    /** Allow everything, audit what would have been denied. */
    MONITOR,
    /** No checks, no tokens. */
    OFF;

    /** The value as written in the configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured value (surrounding blanks and case ignored); null when unknown. */
    public static Mode parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Mode m : values()) {
            if (m.wireName().equals(v)) {
                return m;
            }
        }
        return null;
    }
}
