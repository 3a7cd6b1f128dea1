package dev.rolegate.server;

/**
 * The server cannot start with what it was given (an invalid policy with no good revision to fall
 * back on, an unreadable data directory, a port in use). The message is meant for the operator.
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
