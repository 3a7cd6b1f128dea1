package dev.rolegate.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built artifacts under test, as failsafe passes them in system properties. */
public final class Jars {
    private Jars() {
    }

    public static Path agent() {
        return existing("rolegate.agent.jar");
    }

    public static Path server() {
        return existing("rolegate.server.jar");
    }

    public static Path samples() {
        return existing("rolegate.samples.jar");
    }

    /** The JDK the build runs on; child JVMs use it unless a test asks for another. */
    public static Path defaultJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /** The JDK 25 home from {@code rolegate.jdk25.home}, which may not exist on this machine. */
    public static Path jdk25Home() {
        String home = System.getProperty("rolegate.jdk25.home", "");
        return Path.of(home.isBlank() ? "/nonexistent-jdk25" : home);
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run the ITs through failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist: build it first");
        }
        return path;
    }
}
