package dev.rolegate.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the harnesses find the agent and server jars and the benchmark class path, and the policy
 * they share: {@code bench-server} (every app with the agent) called by {@code bench-client} (the
 * load generator), plus {@code watcher} for the propagation and scale harnesses.
 */
public final class Setup {
    public final Path agentJar;
    public final Path serverJar;
    public final String classpath;
    public final Path work;
    public final boolean smoke;
    /**
     * A JDK 25 home for the rows that compare the policy server on JDK 25 ({@code BENCH_JDK25_HOME}, by
     * default where this machine has it), or null when there is none.
     */
    public final Path jdk25Home;

    public Setup(Path repo, String classpath, Path work, boolean smoke) {
        this.agentJar = repo.resolve("agent/target/rolegate-agent.jar");
        this.serverJar = repo.resolve("policy-server/target/rolegate-server.jar");
        this.classpath = classpath;
        this.work = work;
        this.smoke = smoke;
        String home = System.getenv().getOrDefault("BENCH_JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
        this.jdk25Home = Files.isExecutable(Path.of(home, "bin", "java")) ? Path.of(home) : null;
        for (Path p : List.of(agentJar, serverJar)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " is missing: build the agent and policy-server modules first");
            }
        }
    }

    /** The policy: {@code bench-server} reachable at {@code ports}, with the given extra public entries. */
    public static String policy(List<Integer> ports, List<String> extraPublic) {
        List<String> addresses = new ArrayList<>();
        for (int p : ports) {
            addresses.add("\"127.0.0.1:" + p + "\"");
        }
        List<String> pub = new ArrayList<>(List.of("\"GET /health\""));
        for (String e : extraPublic) {
            pub.add("\"" + e + "\"");
        }
        return """
                apiVersion: rolegate/v1
                services:
                  bench-server:
                    addresses: [%s]
                    public: [%s]
                identities:
                  bench-client: { kind: client }
                  watcher: { kind: client }
                roles:
                  bench-caller:
                    allow:
                      - service: bench-server
                        methods: ["*"]
                        paths: ["/**"]
                bindings:
                  - role: bench-caller
                    identities: [bench-client]
                """.formatted(String.join(", ", addresses), String.join(", ", pub));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir(String name) {
        try {
            return Files.createDirectories(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Profiling first (issue 7): with {@code BENCH_JFR_DIR} set, every app and policy server the
     * harnesses start records JFR into {@code <dir>/<name>.jfr}.
     */
    public static void addProfiling(List<String> jvmArgs, String name) {
        String jfr = System.getenv("BENCH_JFR_DIR");
        if (jfr != null && !jfr.isBlank()) {
            jvmArgs.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr + "/" + name.replace(' ', '-') + ".jfr");
        }
    }

    public String javaagent() {
        return "-javaagent:" + agentJar;
    }
}
