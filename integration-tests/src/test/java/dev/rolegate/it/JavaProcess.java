package dev.rolegate.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM with its own environment and, optionally, {@code -javaagent}. Its stdout and
 * stderr lines are captured (and echoed with the process name for the test report). It is
 * destroyed, with its descendants, by {@link #close()} and, as a last resort, when the test JVM
 * exits.
 */
public final class JavaProcess implements AutoCloseable {
    private static final Set<JavaProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(JavaProcess::destroyTree)));
    }

    private final String name;
    private final Process process;
    private final OutputLines stdout = new OutputLines();
    private final OutputLines stderr = new OutputLines();
    private final List<Thread> readers = new ArrayList<>();

    private JavaProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        readers.add(pump(process.getInputStream(), stdout, "out"));
        readers.add(pump(process.getErrorStream(), stderr, "err"));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public OutputLines stdout() {
        return stdout;
    }

    public OutputLines stderr() {
        return stderr;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until a stdout line contains {@code pattern}; fails early if the process exits first. */
    public Matcher awaitStdout(Pattern pattern, Duration timeout) {
        return awaitLine(pattern, timeout, List.of(stdout));
    }

    /** Waits until a stdout or stderr line contains {@code pattern} (logs may go to either). */
    public Matcher awaitOutput(Pattern pattern, Duration timeout) {
        return awaitLine(pattern, timeout, List.of(stdout, stderr));
    }

    private Matcher awaitLine(Pattern pattern, Duration timeout, List<OutputLines> streams) {
        AtomicReference<Matcher> found = new AtomicReference<>();
        Runnable look = () -> streams.forEach(lines -> lines.find(pattern).ifPresent(found::set));
        await(name + " to print /" + pattern + "/")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .failFast(name + " exited before printing /" + pattern + "/", () -> {
                    boolean ended = !process.isAlive() && readersDone();
                    look.run();
                    if (ended && found.get() == null) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + describe());
                    }
                })
                .until(() -> {
                    look.run();
                    return found.get() != null;
                });
        return found.get();
    }

    /** Waits for the process to exit on its own and for all of its output to be read. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + "; its output:\n" + describe());
            }
            for (Thread reader : readers) {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
        return process.exitValue();
    }

    /**
     * Writes one line to the process's standard input and flushes it (client test apps read their
     * requests from stdin).
     */
    public synchronized void writeLine(String line) {
        try {
            var in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the standard input of " + name + "\n" + describe(), e);
        }
    }

    /** Both streams, for failure messages. */
    public String describe() {
        return "--- " + name + " stdout:\n" + stdout + "\n--- " + name + " stderr:\n" + stderr;
    }

    /** Kills the process at once (SIGKILL, no shutdown hooks), as a crash would, and reads the rest of its output. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Destroys the process (and its descendants) and reads the rest of its output. */
    @Override
    public void close() {
        destroyTree();
        LIVE.remove(this);
        for (Thread reader : readers) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private boolean readersDone() {
        return readers.stream().noneMatch(Thread::isAlive);
    }

    private Thread pump(InputStream stream, OutputLines into, String streamName) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    into.add(line);
                    System.out.println("[" + name + " " + streamName + "] " + line);
                }
            } catch (IOException e) {
                into.add("<output of " + name + " no longer readable: " + e + ">");
            }
        }, "output-" + name + "-" + streamName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** What to start: a main class on a class path, or an executable jar. */
    public static final class Builder {
        private final String name;
        private Path javaHome = Jars.defaultJavaHome();
        private Path agentJar;
        private String classpath;
        private String mainClass;
        private Path jar;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        public Builder agent(Path agent) {
            this.agentJar = agent;
            return this;
        }

        public Builder mainClass(Path classpathEntry, String className) {
            return mainClass(classpathEntry.toString(), className);
        }

        /** A main class on a class path of several entries ({@code File.pathSeparator}-separated). */
        public Builder mainClass(String classpathEntries, String className) {
            this.classpath = classpathEntries;
            this.mainClass = className;
            return this;
        }

        public Builder jar(Path executableJar) {
            this.jar = executableJar;
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public JavaProcess start() {
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            // Small, fast-starting JVMs: the suite runs many of them on two cores.
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
            if (agentJar != null) {
                command.add("-javaagent:" + agentJar);
            }
            if (jar != null) {
                command.addAll(List.of("-jar", jar.toString()));
            } else {
                command.addAll(List.of("-cp", classpath, mainClass));
            }
            command.addAll(args);

            ProcessBuilder builder = new ProcessBuilder(command);
            // Whatever Rolegate settings the build's environment has must not leak into a test.
            builder.environment().keySet().removeIf(key -> key.startsWith("ROLEGATE_"));
            builder.environment().putAll(env);
            try {
                JavaProcess started = new JavaProcess(name, builder.start());
                LIVE.add(started);
                return started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + command, e);
            }
        }
    }
}
