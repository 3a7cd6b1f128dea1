package dev.rolegate.bootstrap;

/**
 * What a client adapter must do with one outbound request: add {@link #headerName()} with
 * {@link #headerValue()} (after removing any value already set under that name), or, when
 * {@link #refusal()} is set, fail the call with an {@link java.io.IOException} carrying it and send
 * nothing. Adapters receive {@code null} when the request must go out untouched, except that any
 * token header already present must still be removed (see {@link RolegateBridge#tokenHeader()}).
 */
public final class OutboundAction {
    private final String headerName;
    private final String headerValue;
    private final String refusal;

    private OutboundAction(String headerName, String headerValue, String refusal) {
        this.headerName = headerName;
        this.headerValue = headerValue;
        this.refusal = refusal;
    }

    public static OutboundAction attach(String headerName, String headerValue) {
        return new OutboundAction(headerName, headerValue, null);
    }

    public static OutboundAction refuse(String message) {
        return new OutboundAction(null, null, message);
    }

    public String headerName() {
        return headerName;
    }

    /** The token. Never log it. */
    public String headerValue() {
        return headerValue;
    }

    /** Non-null when the call must fail locally, naming what is missing. */
    public String refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return refusal != null ? "OutboundAction[refuse: " + refusal + "]" : "OutboundAction[attach " + headerName + "]";
    }
}
