package dev.rolegate.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Startup of a Spring Boot MVC app: from just before the JVM is started to the first 200 answer
 * (its public {@code GET /health}), with and without the agent, in alternating fresh JVMs.
 */
public final class Startup {
    private Startup() {
    }

    public static void run(Setup s, Report report) throws Exception {
        int samples = s.smoke ? 1 : 5;
        int port = Setup.freePort();
        try (PolicyServerRunner server = PolicyServerRunner.start(s.serverJar, s.dir("startup-server"),
                Setup.policy(List.of(port), List.of()), List.of(), "bench-server")) {
            Map<String, String> env = server.agentEnv("bench-server", s.dir("startup-cache"), "off");
            List<Double> plain = new ArrayList<>();
            List<Double> agent = new ArrayList<>();
            // One unmeasured start of each first: the page cache and CDS archive are then warm for both.
            if (!s.smoke) {
                once(s, port, Map.of(), false);
                once(s, port, env, true);
            }
            for (int i = 0; i < samples; i++) {
                if (i % 2 == 0) {
                    plain.add(once(s, port, Map.of(), false));
                    agent.add(once(s, port, env, true));
                } else {
                    agent.add(once(s, port, env, true));
                    plain.add(once(s, port, Map.of(), false));
                }
            }
            double ratio = Report.median(agent) / Report.median(plain);
            report.add(String.format("Spring Boot %s MVC, JVM start to first answered request, with agent / without"
                            + " (median of %d alternating: %.0f ms vs %.0f ms)", "4", samples, Report.median(agent),
                            Report.median(plain)), String.format("%.3f", ratio), "≤ 1.05", ratio <= 1.05,
                    "benchmarks/run.sh startup");
        }
    }

    private static double once(Setup s, int port, Map<String, String> env, boolean withAgent) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        if (withAgent) {
            jvm.add(s.javaagent());
        }
        try (ChildJvm app = ChildJvm.start(withAgent ? "spring-agent" : "spring-plain", jvm, s.classpath,
                "dev.rolegate.benchmarks.apps.SpringBootApp", List.of("--server.port=" + port,
                        "--server.address=127.0.0.1", "--spring.main.banner-mode=off"), env)) {
            long answered = Propagation.awaitStatus(port, "/health", 200, Duration.ofSeconds(120));
            return (answered - app.startedNanos()) / 1e6;
        }
    }
}
