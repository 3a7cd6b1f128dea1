package dev.rolegate.it.stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names for a child JVM without DNS: a hosts file that the JDK's own resolver
 * ({@code InetAddress}) reads instead of the system's when the JVM runs with
 * {@code -Djdk.net.hosts.file=<file>} (JDK 9 and later). Every name given resolves to 127.0.0.1, as
 * does {@code localhost}. A library with a DNS client of its own (Reactor Netty) does not see it.
 */
final class HostsFile {
    /** The first JDK whose resolver honours {@code jdk.net.hosts.file}. */
    private static final int FIRST_SUPPORTING_FEATURE = 9;
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)");

    private HostsFile() {
    }

    /** Writes the file into {@code dir}; answers the JVM option that makes a JVM read it. */
    static String write(Path dir, List<String> names) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("hosts");
            Files.writeString(file, "127.0.0.1 localhost " + String.join(" ", names) + "\n");
            return "-Djdk.net.hosts.file=" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a hosts file into " + dir, e);
        }
    }

    /** Whether the JDK at {@code javaHome} honours the file (from its {@code release} file's {@code JAVA_VERSION}). */
    static boolean supportedBy(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                Matcher version = JAVA_VERSION.matcher(line);
                if (version.find()) {
                    return Integer.parseInt(version.group(1)) >= FIRST_SUPPORTING_FEATURE;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release file of " + javaHome, e);
        }
    }
}
