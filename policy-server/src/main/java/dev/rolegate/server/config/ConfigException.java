package dev.rolegate.server.config;

/**
 * A configuration value that cannot be used. The message is one line that names the variable, so
 * that an operator sees at once what to fix; the CLI prints it and exits with code 2.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
