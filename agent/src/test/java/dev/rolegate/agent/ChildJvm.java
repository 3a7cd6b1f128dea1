package dev.rolegate.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link TinyApp} in a child JVM with the built agent attached. */
final class ChildJvm {
    record Result(int exitCode, String stdout, String stderr, long millis) {
        List<String> agentLines() {
            return Arrays.stream(stderr.split("\\R")).filter(l -> l.startsWith("rolegate:")).toList();
        }
    }

    static Path agentJar() {
        return Path.of(System.getProperty("rolegate.agent.jar", "target/rolegate-agent.jar"));
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-javaagent:" + agentJar().toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("rolegate.test.classes", "target/test-classes"));
        cmd.add(TinyApp.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("ROLEGATE_"));
        pb.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("child", ".out");
        Path err = java.nio.file.Files.createTempFile("child", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish in 60 s");
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Result r = new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8), millis);
        java.nio.file.Files.deleteIfExists(out);
        java.nio.file.Files.deleteIfExists(err);
        return r;
    }

    private ChildJvm() {
    }
}
