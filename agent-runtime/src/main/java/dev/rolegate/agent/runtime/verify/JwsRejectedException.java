package dev.rolegate.agent.runtime.verify;

/**
 * A JWS (token or policy bundle) that must not be trusted. The message says why in words that are
 * safe to log and to return to a caller (never the token itself). Carries no stack trace: it is an
 * expected outcome, and a forged-token flood must stay cheap.
 */
public final class JwsRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unknownKey;

    public JwsRejectedException(String reason) {
        this(reason, false);
    }

    JwsRejectedException(String reason, boolean unknownKey) {
        super(reason, null, false, false);
        this.unknownKey = unknownKey;
    }

    /** Whether the signing key id is not in the key set (a refetch of the keys may help). */
    public boolean unknownKey() {
        return unknownKey;
    }
}
