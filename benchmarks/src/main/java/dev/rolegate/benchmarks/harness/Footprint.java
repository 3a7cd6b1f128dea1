package dev.rolegate.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent adds to an idle app (the JDK server app, policy loaded, no traffic): heap in use
 * after full collections and metaspace, with versus without the agent, in alternating fresh JVMs;
 * and the time before main() (premain is the difference), also with a policy server that never
 * answers, to show that premain does not wait on the network.
 */
public final class Footprint {
    private static final Pattern MAIN = Pattern.compile("^MAIN (\\d+)");
    private static final Pattern MEM = Pattern.compile("^MEM (\\d+) (\\d+)");

    private Footprint() {
    }

    public static void run(Setup s, Report report) throws Exception {
        int samples = s.smoke ? 1 : 4;
        int port = Setup.freePort();
        try (PolicyServerRunner server = PolicyServerRunner.start(s.serverJar, s.dir("footprint-server"),
                Setup.policy(List.of(port), List.of()), List.of(), "bench-server")) {
            Map<String, String> env = server.agentEnv("bench-server", s.dir("footprint-cache"), "stdout");
            // A non-routable address: a connection attempt hangs until it times out.
            Map<String, String> blackhole = new java.util.HashMap<>(env);
            blackhole.put("ROLEGATE_SERVER", "http://10.255.255.1:7070");
            blackhole.put("ROLEGATE_CACHE_DIR", s.dir("footprint-cache-blackhole").toString());
            List<Double> heapAdded = new ArrayList<>();
            List<Double> metaAdded = new ArrayList<>();
            List<Double> mainPlain = new ArrayList<>();
            List<Double> mainAgent = new ArrayList<>();
            List<Double> mainBlackhole = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long[] plain = sample(s, port, Map.of(), false);
                long[] agent = sample(s, port, env, true);
                heapAdded.add((double) (agent[1] - plain[1]));
                metaAdded.add((double) (agent[2] - plain[2]));
                mainPlain.add((double) plain[0]);
                mainAgent.add((double) agent[0]);
                try (ChildJvm b = EndToEnd.app(s, "footprint-blackhole", "JdkServerApp", List.of(String.valueOf(port)),
                        blackhole, true, port)) {
                    mainBlackhole.add(Double.parseDouble(b.await(MAIN, Duration.ofSeconds(60)).group(1)));
                }
            }
            double heap = Report.median(heapAdded) / (1024 * 1024);
            double meta = Report.median(metaAdded) / (1024 * 1024);
            String how = "benchmarks/run.sh footprint";
            report.add(String.format("heap + metaspace added to an idle app (heap %.1f MB + metaspace %.1f MB; median of %d)",
                    heap, meta, samples), String.format("%.1f MB", heap + meta), "≤ 30 MB", heap + meta <= 30, how);
            double premain = Report.median(mainAgent) - Report.median(mainPlain);
            report.add(String.format("time before main() added by the agent (premain; JVM uptime at main %.0f ms with vs %.0f ms"
                            + " without)", Report.median(mainAgent), Report.median(mainPlain)),
                    String.format("%.0f ms", premain), "report", null, how);
            double blocked = Report.median(mainBlackhole) - Report.median(mainAgent);
            report.add("premain with a policy server that never answers, minus with a working one (must not block on"
                    + " the network)", String.format("%+.0f ms", blocked), "≈ 0 (no wait)", blocked < 1000, how);
        }
    }

    /** Returns {uptime at main ms, heap bytes, metaspace bytes} of a fresh idle app. */
    private static long[] sample(Setup s, int port, Map<String, String> env, boolean agent) throws Exception {
        try (ChildJvm app = EndToEnd.app(s, agent ? "idle-agent" : "idle-plain", "JdkServerApp",
                List.of(String.valueOf(port)), env, agent, port)) {
            long main = Long.parseLong(app.await(MAIN, Duration.ofSeconds(60)).group(1));
            if (agent) {
                // 401 for a protected path means the policy is loaded and enforced (503 before that).
                Propagation.awaitStatus(port, "/items/1", 401, Duration.ofSeconds(60));
            } else {
                Propagation.awaitStatus(port, "/items/1", 200, Duration.ofSeconds(60));
            }
            int from = app.lineCount();
            app.send("MEM");
            Matcher m = app.await(MEM, from, Duration.ofSeconds(60));
            return new long[] {main, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
    }
}
