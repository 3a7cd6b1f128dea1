package dev.rolegate.benchmarks.harness;

import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.policy.PolicyWatcher;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.agent.runtime.verify.KeySource;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Propagation of a new revision: {@code watchers} instances of the agent's real
 * {@link PolicyWatcher} in this JVM (sharing one server client, as they would share nothing but
 * the network in reality) plus 3 real agent processes. For each {@code PUT /v1/policy}, the time
 * until each watcher publishes the new revision, and until each agent process answers a request
 * that only the new revision makes public (a request that the old one answers 401).
 */
public final class Propagation {
    private Propagation() {
    }

    public static void run(Setup s, Report report) throws Exception {
        int watchers = s.smoke ? 10 : 1000;
        int agents = s.smoke ? 1 : 3;
        int puts = s.smoke ? 1 : 5;
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            ports.add(Setup.freePort());
        }
        try (PolicyServerRunner server = PolicyServerRunner.start(s.serverJar, s.dir("propagation-server"),
                Setup.policy(ports, List.of()), List.of(), "bench-server", "watcher")) {
            List<ChildJvm> apps = new ArrayList<>();
            ExecutorService pollers = Executors.newFixedThreadPool(agents);
            List<PolicyWatcher> started = new ArrayList<>();
            try {
                for (int i = 0; i < agents; i++) {
                    apps.add(EndToEnd.app(s, "agent-" + i, "JdkServerApp", List.of(String.valueOf(ports.get(i))),
                            server.agentEnv("bench-server", s.dir("propagation-cache-" + i), "off"), true, ports.get(i)));
                }
                PolicyServerClient client = new PolicyServerClient(List.of(URI.create(server.url())), "watcher",
                        server.secretOf("watcher"));
                ExecutorService keyFetch = Executors.newSingleThreadExecutor();
                long[] arrived = new long[watchers];
                long[] seenRev = new long[watchers];
                for (int i = 0; i < watchers; i++) {
                    KeySource keys = new KeySource(() -> jwks(client), keyFetch);
                    PolicyWatcher w = new PolicyWatcher(client, keys, null);
                    int id = i;
                    w.addListener((prev, next) -> {
                        synchronized (arrived) {
                            arrived[id] = System.nanoTime();
                            seenRev[id] = next.rev();
                        }
                    });
                    w.start();
                    started.add(w);
                }
                long firstRev = awaitAll(started, -1, Duration.ofSeconds(120));
                for (int i = 0; i < agents; i++) {
                    awaitStatus(ports.get(i), "/health", 200, Duration.ofSeconds(120));
                }
                List<Double> watcherMillis = new ArrayList<>();
                List<Double> agentMillis = new ArrayList<>();
                long rev = firstRev;
                for (int k = 1; k <= puts; k++) {
                    String path = "/rev-" + k;
                    long t0 = System.nanoTime();
                    int status = server.putPolicy(Setup.policy(ports, List.of("GET " + path)));
                    if (status / 100 != 2) {
                        throw new IllegalStateException("PUT /v1/policy answered " + status);
                    }
                    List<Future<Long>> agentDone = new ArrayList<>();
                    for (int port : ports) {
                        agentDone.add(pollers.submit(() -> awaitStatus(port, path, 200, Duration.ofSeconds(60))));
                    }
                    long newRev = awaitAll(started, rev, Duration.ofSeconds(60));
                    synchronized (arrived) {
                        for (int i = 0; i < watchers; i++) {
                            watcherMillis.add((arrived[i] - t0) / 1e6);
                        }
                    }
                    for (Future<Long> f : agentDone) {
                        agentMillis.add((f.get() - t0) / 1e6);
                    }
                    rev = newRev;
                }
                List<Double> all = new ArrayList<>(watcherMillis);
                all.addAll(agentMillis);
                double p99 = Report.percentile(all, 0.99);
                report.add(String.format("PUT to enforcing: p99 over %d watchers (PolicyWatcher) + %d agent processes, %d PUTs"
                                + " (p50 %.0f ms, max %.0f ms; agent processes alone: max %.0f ms)", watchers, agents, puts,
                                Report.percentile(all, 0.5), Report.percentile(all, 1.0), Report.percentile(agentMillis, 1.0)),
                        String.format("%.0f ms", p99), "≤ 1000 ms", p99 <= 1000, "benchmarks/run.sh propagation");
                keyFetch.shutdownNow();
            } finally {
                for (PolicyWatcher w : started) {
                    w.stop();
                }
                pollers.shutdownNow();
                for (ChildJvm a : apps) {
                    a.close();
                }
            }
        }
    }

    /** Waits until every watcher holds a revision newer than {@code after}; returns the lowest held. */
    private static long awaitAll(List<PolicyWatcher> watchers, long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long lowest = Long.MAX_VALUE;
            for (PolicyWatcher w : watchers) {
                PolicySnapshot snap = w.current();
                lowest = Math.min(lowest, snap == null ? -1 : snap.rev());
            }
            if (lowest > after) {
                return lowest;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("watchers did not all get a revision after " + after);
            }
            Thread.sleep(2); // a poll interval of the harness, not a wait for an outcome
        }
    }

    /** Polls GET {@code path} every few ms until it answers {@code status}; returns the nanoTime it did. */
    static long awaitStatus(int port, String path, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                int got = c.getResponseCode();
                long now = System.nanoTime();
                (got < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
                if (got == status) {
                    return now;
                }
            } catch (IOException e) {
                // not listening yet: poll again
                Thread.onSpinWait();
            }
            Thread.sleep(3);
        }
        throw new IllegalStateException("port " + port + " never answered " + status + " for " + path);
    }

    private static String jwks(PolicyServerClient client) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send("/.well-known/jwks.json", false, Duration.ofSeconds(5),
                b -> b.GET().header("Accept", "application/json"));
        if (r.statusCode() != 200) {
            throw new IOException("GET /.well-known/jwks.json answered " + r.statusCode());
        }
        return r.body();
    }
}
