package dev.rolegate.server.policy;

/** Where the active policy document came from. */
public enum PolicySource {
    /** The file named by {@code ROLEGATE_POLICY}. */
    FILE("file"),
    /** The built-in demo policy, because that file does not exist. */
    DEMO("demo"),
    /** An admin {@code PUT /v1/policy}. */
    ADMIN("admin");

    private final String label;

    PolicySource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PolicySource fromLabel(String label) {
        for (PolicySource s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown policy source \"" + label + "\"");
    }
}
