package dev.rolegate.it.stacks;

import dev.rolegate.it.Jars;
import dev.rolegate.it.JavaProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One test application of {@code test-apps/} (docs/STACK-TESTS.md) and how to start it: module
 * directory, main class, variant arguments and the JDK to run it on.
 *
 * <p>The command line is {@code java [-javaagent:...] -cp target/testapp-<module>.jar:<contents of
 * target/classpath.txt> <main class> [variant args]}; the module must have been built
 * ({@code mvn -pl test-apps/<module> install}) first.
 *
 * @param module    directory name under {@code test-apps}, e.g. {@code server-jdk}
 * @param mainClass the application's main class, e.g. {@code testapp.jdk.Main}
 * @param args      variant arguments, e.g. {@code h2}
 * @param javaHome  the JDK that runs the application
 */
public record StackApp(String module, String mainClass, List<String> args, Path javaHome) {
    public StackApp {
        args = List.copyOf(args);
    }

    /** An application on the JDK that runs the tests. */
    public static StackApp of(String module, String mainClass, String... args) {
        return new StackApp(module, mainClass, List.of(args), Jars.defaultJavaHome());
    }

    /** The same application on another JDK. */
    public StackApp on(Path otherJavaHome) {
        return new StackApp(module, mainClass, args, otherJavaHome);
    }

    /** The same application on the JDK 25 of system property {@code rolegate.jdk25.home}. */
    public StackApp onJdk25() {
        return on(Jars.jdk25Home());
    }

    /** Whether {@link #javaHome()} holds a runnable {@code java}. */
    public boolean jdkAvailable() {
        return Files.isExecutable(javaHome.resolve("bin").resolve("java"));
    }

    /** A short name for process output and failure messages. */
    public String displayName() {
        return module + (args.isEmpty() ? "" : "-" + String.join("-", args));
    }

    /** The module's directory, from system property {@code rolegate.test-apps.dir} (set by failsafe). */
    public Path moduleDir() {
        String dir = System.getProperty("rolegate.test-apps.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property rolegate.test-apps.dir is not set (run the ITs through failsafe)");
        }
        return Path.of(dir).resolve(module).toAbsolutePath().normalize();
    }

    /** The application jar and its run-time class path, {@code File.pathSeparator}-joined. */
    public String classpath() {
        Path target = moduleDir().resolve("target");
        Path jar = target.resolve("testapp-" + module + ".jar");
        Path classpathFile = target.resolve("classpath.txt");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(jar + " or " + classpathFile + " is missing: build it first with"
                    + " mvn -pl test-apps/" + module + " install");
        }
        try {
            String dependencies = Files.readString(classpathFile).strip();
            return dependencies.isEmpty() ? jar.toString() : jar + File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process builder for this application with the real agent jar attached. */
    public JavaProcess.Builder withAgent() {
        return withAgent(displayName());
    }

    /** {@link #withAgent()} under another process name (to tell several JVMs of one app apart in the output). */
    public JavaProcess.Builder withAgent(String processName) {
        return withoutAgent(processName).agent(Jars.agent());
    }

    /** A process builder for this application without any agent. */
    public JavaProcess.Builder withoutAgent() {
        return withoutAgent(displayName());
    }

    private JavaProcess.Builder withoutAgent(String processName) {
        return JavaProcess.builder(processName)
                .javaHome(javaHome)
                .mainClass(classpath(), mainClass)
                .args(args.toArray(String[]::new));
    }
}
