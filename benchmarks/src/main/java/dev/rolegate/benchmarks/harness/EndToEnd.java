package dev.rolegate.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end overhead: the same trivial service twice (without agent, and with the agent in
 * enforce mode with audit to a file), each driven by its own keep-alive load generator (without
 * agent, and with the agent attaching tokens). The two are measured in alternating rounds in the
 * same run, so the machine's noise falls on both alike; the figures are medians over rounds.
 */
public final class EndToEnd {
    private static final Pattern READY = Pattern.compile("^READY (\\d+)");
    private static final Pattern RESULT = Pattern.compile("^RESULT (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)");

    private EndToEnd() {
    }

    /** One measured round. */
    record Round(double requestsPerSecond, double p50, double p99, long errors) {
    }

    public static void run(Setup s, Report report) {
        int jdkPlain = Setup.freePort();
        int jdkAgent = Setup.freePort();
        int tomcatPlain = Setup.freePort();
        int tomcatAgent = Setup.freePort();
        String policy = Setup.policy(List.of(jdkPlain, jdkAgent, tomcatPlain, tomcatAgent), List.of());
        try (PolicyServerRunner server = PolicyServerRunner.start(s.serverJar, s.dir("e2e-server"), policy, List.of(),
                "bench-server", "bench-client")) {
            Map<String, String> serverAgent = server.agentEnv("bench-server", s.dir("e2e-cache-server"),
                    s.dir("e2e-audit").resolve("audit.jsonl").toString());
            Map<String, String> clientAgent = server.agentEnv("bench-client", s.dir("e2e-cache-client"), "off");
            try (ChildJvm loadPlain = app(s, "load-plain", "LoadGenerator", List.of(), Map.of(), false, 0);
                 ChildJvm loadAgent = app(s, "load-agent", "LoadGenerator", List.of(), clientAgent, true, 0)) {
                stack(s, report, "JDK HttpServer", "JdkServerApp", jdkPlain, jdkAgent, serverAgent, loadPlain, loadAgent);
                stack(s, report, "Tomcat " + "embedded", "TomcatApp", tomcatPlain, tomcatAgent, serverAgent, loadPlain,
                        loadAgent);
            }
        }
    }

    private static void stack(Setup s, Report report, String name, String appClass, int plainPort, int agentPort,
                              Map<String, String> agentEnv, ChildJvm loadPlain, ChildJvm loadAgent) {
        double seconds = s.smoke ? 0.3 : 8;
        int rounds = s.smoke ? 1 : 4;
        int connections = 4;
        try (ChildJvm plain = app(s, name + "-plain", appClass, List.of(String.valueOf(plainPort)), Map.of(), false, plainPort);
             ChildJvm agent = app(s, name + "-agent", appClass, List.of(String.valueOf(agentPort)), agentEnv, true, agentPort)) {
            String plainUrl = "http://127.0.0.1:" + plainPort + "/items/7";
            String agentUrl = "http://127.0.0.1:" + agentPort + "/items/7";
            // Warm-up until both answer only 200s (the agent side needs its policy and first token).
            for (int i = 0; i < (s.smoke ? 30 : 10); i++) {
                Round a = measure(loadAgent, agentUrl, s.smoke ? 0.3 : 4, connections);
                Round p = measure(loadPlain, plainUrl, s.smoke ? 0.3 : 4, connections);
                if (a.errors() == 0 && p.errors() == 0 && i >= (s.smoke ? 0 : 1)) {
                    break;
                }
            }
            List<Double> ratios = new ArrayList<>();
            List<Double> addedP99 = new ArrayList<>();
            List<Double> addedP50 = new ArrayList<>();
            List<Double> plainRps = new ArrayList<>();
            List<Double> agentRps = new ArrayList<>();
            long errors = 0;
            for (int r = 0; r < rounds; r++) {
                // Alternate which goes first, so neither always runs on a warmer (or noisier) machine.
                Round p;
                Round a;
                if (r % 2 == 0) {
                    p = measure(loadPlain, plainUrl, seconds, connections);
                    a = measure(loadAgent, agentUrl, seconds, connections);
                } else {
                    a = measure(loadAgent, agentUrl, seconds, connections);
                    p = measure(loadPlain, plainUrl, seconds, connections);
                }
                errors += p.errors() + a.errors();
                ratios.add(a.requestsPerSecond() / p.requestsPerSecond());
                addedP99.add(a.p99() - p.p99());
                addedP50.add(a.p50() - p.p50());
                plainRps.add(p.requestsPerSecond());
                agentRps.add(a.requestsPerSecond());
                System.out.printf("e2e %s round %d: plain %.0f req/s p50 %s p99 %s | agent %.0f req/s p50 %s p99 %s%n",
                        name, r, p.requestsPerSecond(), Report.us(p.p50()), Report.us(p.p99()), a.requestsPerSecond(),
                        Report.us(a.p50()), Report.us(a.p99()));
            }
            String how = "benchmarks/run.sh e2e";
            double ratio = Report.median(ratios);
            double p99 = Report.median(addedP99);
            report.add(name + ": throughput with agent / without (median of " + rounds + " alternating rounds, "
                            + connections + " keep-alive connections; " + String.format("%.0f vs %.0f req/s", Report.median(agentRps),
                            Report.median(plainRps)) + (errors > 0 ? "; " + errors + " non-200 answers" : "") + ")",
                    String.format("%.3f", ratio), "≥ 0.95", ratio >= 0.95 && errors == 0, how);
            report.add(name + ": p99 latency added by the agent (median over rounds; p50 added "
                            + Report.us(Report.median(addedP50)) + ")",
                    Report.us(p99), "≤ 50 µs", p99 <= 50_000 && errors == 0, how);
        }
    }

    static Round measure(ChildJvm load, String url, double seconds, int connections) {
        int from = load.lineCount();
        load.send("RUN " + url + " " + seconds + " " + connections);
        Matcher m = load.await(RESULT, from, Duration.ofSeconds((long) seconds + 120));
        long requests = Long.parseLong(m.group(1));
        double elapsed = Long.parseLong(m.group(2));
        return new Round(requests / (elapsed / 1e9), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)));
    }

    /** Starts {@code dev.rolegate.benchmarks.apps.<appClass>}, with the agent or not, and waits for READY. */
    static ChildJvm app(Setup s, String name, String appClass, List<String> args, Map<String, String> env,
                        boolean withAgent, int port) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (40 ms a request).
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dsun.net.httpserver.nodelay=true"));
        if (withAgent) {
            jvm.add(s.javaagent());
        }
        Setup.addProfiling(jvm, name);
        ChildJvm app = ChildJvm.start(name, jvm, s.classpath, "dev.rolegate.benchmarks.apps." + appClass, args, env);
        app.await(READY, Duration.ofSeconds(120));
        return app;
    }
}
