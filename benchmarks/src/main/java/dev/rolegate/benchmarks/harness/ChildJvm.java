package dev.rolegate.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM started by a harness: its stdout and stderr merged and kept as lines, its stdin
 * writable. Closing it destroys the process (and waits for it).
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Writer stdin;
    private final long startedNanos;

    private ChildJvm(String name, Process process, long startedNanos) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java [jvmArgs] -cp classpath mainClass args} (or {@code -jar} when
     * {@code mainClass} is null and the class path is a jar) with {@code env} added.
     */
    public static ChildJvm start(String name, List<String> jvmArgs, String classpath, String mainClass,
                                 List<String> args, Map<String, String> env) {
        return start(name, Path.of(System.getProperty("java.home")), jvmArgs, classpath, mainClass, args, env);
    }

    /** As {@link #start(String, List, String, String, List, Map)}, with the JDK at {@code javaHome}. */
    public static ChildJvm start(String name, Path javaHome, List<String> jvmArgs, String classpath, String mainClass,
                                 List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.addAll(jvmArgs);
        if (mainClass == null) {
            cmd.add("-jar");
            cmd.add(classpath);
        } else {
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
        }
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ROLEGATE_"));
        pb.environment().putAll(env);
        try {
            long t0 = System.nanoTime();
            return new ChildJvm(name, pb.start(), t0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("(output of " + name + " ended: " + e + ")");
                lines.notifyAll();
            }
        }
    }

    /** The first output line (from {@code fromLine} on) matching {@code pattern}; fails after {@code timeout}. */
    public Matcher await(Pattern pattern, int fromLine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int i = fromLine;
            while (true) {
                for (; i < lines.size(); i++) {
                    Matcher m = pattern.matcher(lines.get(i));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && i >= lines.size())) {
                    throw new IllegalStateException(name + ": no line matching " + pattern + " within " + timeout
                            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; output:\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                }
                try {
                    lines.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    public Matcher await(Pattern pattern, Duration timeout) {
        return await(pattern, 0, timeout);
    }

    /** Number of output lines so far (a starting point for {@link #await(Pattern, int, Duration)}). */
    public int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** Writes one line to the child's stdin. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " stdin", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
