package dev.rolegate.benchmarks.soak;

import dev.rolegate.benchmarks.harness.ChildJvm;
import dev.rolegate.benchmarks.harness.Setup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounded soak of issue 6, run by {@code scripts/soak.sh} and never by {@code mvn verify}: the real
 * policy server and a real JDK {@code HttpServer} app with the real agent (enforce mode, decision
 * records to a file and shipped to the server, every allow included), driven by {@link SoakLoad} with
 * mixed allowed and denied calls at the highest rate the machine gives.
 *
 * <p>Passes only if: zero wrong decisions and zero errors; the app's heap after a full GC at the end
 * is within 10% of the same figure after warm-up; and every decision record of the soak is accounted
 * for, both on the server (stored + reported dropped = calls answered) and in the local audit file
 * (written + reported dropped covers every call).
 *
 * <p>Arguments: {@code <repo dir> <work dir> [soak seconds=120] [threads=8] [warm-up seconds=15]}.
 */
public final class Soak {
    private static final Pattern READY = Pattern.compile("^READY (\\d+)");
    private static final Pattern MEM = Pattern.compile("^MEM (\\d+) (-?\\d+)");
    private static final double HEAP_TOLERANCE = 0.10;
    private static final Duration QUIET_WAIT = Duration.ofSeconds(120);

    private Soak() {
    }

    /** What the audit trail looks like at one quiet moment. */
    record AuditCount(long fileLines, long received, long dropped) {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 120;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        double warmUp = args.length > 4 ? Double.parseDouble(args[4]) : 15;
        Setup s = new Setup(repo, System.getProperty("java.class.path"), work, false);
        System.exit(run(s, seconds, threads, warmUp) ? 0 : 1);
    }

    static String policy(int appPort) {
        return """
                apiVersion: rolegate/v1
                services:
                  soak-server:
                    addresses: ["127.0.0.1:%d"]
                    public: ["GET /health"]
                identities:
                  soak-client: { kind: client }
                roles:
                  item-reader:
                    allow:
                      - service: soak-server
                        methods: [GET]
                        paths: ["/items/*"]
                bindings:
                  - role: item-reader
                    identities: [soak-client]
                """.formatted(appPort);
    }

    static boolean run(Setup s, double seconds, int threads, double warmUp) throws Exception {
        int appPort = Setup.freePort();
        Path auditFile = s.dir("soak-audit").resolve("audit.jsonl");
        Files.deleteIfExists(auditFile);
        try (SoakControlPlane server = SoakControlPlane.start(s.serverJar, s.dir("soak-server"), policy(appPort),
                "soak-server", "soak-client");
             ChildJvm app = ChildJvm.start("soak-app", List.of("-Xmx256m", "-Dsun.net.httpserver.nodelay=true", s.javaagent()),
                     s.classpath, "dev.rolegate.benchmarks.apps.JdkServerApp", List.of(Integer.toString(appPort)), Map.of(
                             "ROLEGATE_IDENTITY", "soak-server", "ROLEGATE_SERVER", server.url(),
                             "ROLEGATE_SECRET", server.secretOf("soak-server"), "ROLEGATE_MODE", "enforce",
                             "ROLEGATE_AUDIT", auditFile.toString(), "ROLEGATE_CACHE_DIR", s.dir("soak-cache").toString(),
                             "ROLEGATE_AUDIT_SHIP_ALLOWS", "all", "ROLEGATE_HEARTBEAT_INTERVAL", "1"))) {
            app.await(READY, Duration.ofSeconds(120));
            String base = "http://127.0.0.1:" + appPort;
            awaitHealthy(base);
            AtomicReference<String> token = new AtomicReference<>(server.token("soak-client", "soak-server"));
            Thread refresher = tokenRefresher(server, token);
            awaitHeartbeat(server);

            SoakLoad load = new SoakLoad(base, token::get);
            System.out.printf("soak: warm-up %.0f s with %d keep-alive connections%n", warmUp, threads);
            load.run(threads, warmUp);
            AuditCount before = quiet(server, auditFile);
            long answeredBefore = load.answered();
            long heapBefore = heapAfterFullGc(app);
            System.out.printf("soak: after warm-up %d calls answered, heap after full GC %s; soak of %.0f s starts%n",
                    answeredBefore, mib(heapBefore), seconds);

            long t0 = System.nanoTime();
            load.run(threads, seconds);
            double took = (System.nanoTime() - t0) / 1e9;
            long calls = load.answered() - answeredBefore;
            AuditCount after = quiet(server, auditFile);
            long heapAfter = heapAfterFullGc(app);
            refresher.interrupt();
            return verdict(load, calls, took, threads, before, after, heapBefore, heapAfter, app);
        }
    }

    private static boolean verdict(SoakLoad load, long calls, double took, int threads, AuditCount before,
                                   AuditCount after, long heapBefore, long heapAfter, ChildJvm app) {
        long written = after.fileLines() - before.fileLines();
        long stored = after.received() - before.received();
        long dropped = after.dropped() - before.dropped();
        boolean decisionsOk = load.wrongDecisions() == 0 && load.errors() == 0;
        boolean heapOk = heapAfter <= heapBefore * (1 + HEAP_TOLERANCE);
        boolean serverAccounted = stored + dropped == calls;
        boolean localAccounted = written <= calls && written + dropped >= calls;
        List<String> lines = new ArrayList<>();
        lines.add(String.format("calls answered in the soak: %d in %.1f s = %.0f per second, %d keep-alive connections",
                calls, took, calls / took, threads));
        StringBuilder mix = new StringBuilder("mix over warm-up and soak:");
        for (SoakCall c : SoakCall.values()) {
            mix.append(' ').append(c.name().toLowerCase()).append('=').append(load.answered(c));
        }
        lines.add(mix.toString());
        lines.add("wrong decisions: " + load.wrongDecisions() + ", errors: " + load.errors()
                + (decisionsOk ? "" : "  <-- FAIL; first ones: " + load.samples()));
        lines.add(String.format("app heap after full GC: %s after warm-up, %s after the soak (%+.1f%%, limit +%.0f%%)%s",
                mib(heapBefore), mib(heapAfter), 100.0 * (heapAfter - heapBefore) / heapBefore, 100 * HEAP_TOLERANCE,
                heapOk ? "" : "  <-- FAIL"));
        lines.add("decision records: " + written + " written to the audit file, " + stored + " stored by the policy server, "
                + dropped + " reported dropped by the agent, for " + calls + " calls");
        lines.add("  server: stored + dropped = " + (stored + dropped) + " of " + calls + (serverAccounted ? " (all accounted for)" : "  <-- FAIL"));
        lines.add("  local:  written + dropped = " + (written + dropped) + " for " + calls + (localAccounted ? " (all accounted for)" : "  <-- FAIL"));
        for (String l : app.lines()) {
            if (l.contains("dropped") || l.contains("ERROR")) {
                lines.add("  agent said: " + l);
            }
        }
        boolean pass = decisionsOk && heapOk && serverAccounted && localAccounted;
        lines.add("SOAK " + (pass ? "PASS" : "FAIL"));
        lines.forEach(System.out::println);
        return pass;
    }

    private static void awaitHealthy(String base) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                System.out.println("soak: app not answering yet (" + notYet + ")");
            }
            Thread.sleep(200); // polling a child process, not a request thread
        }
        throw new IllegalStateException("the app never answered GET /health with 200 (no policy?)");
    }

    private static void awaitHeartbeat(SoakControlPlane server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!server.anyAgentListed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent never sent a heartbeat");
            }
            Thread.sleep(200);
        }
    }

    /** Renews soak-client's token every minute, well within its 300 s lifetime. */
    private static Thread tokenRefresher(SoakControlPlane server, AtomicReference<String> token) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(60_000);
                    token.set(server.token("soak-client", "soak-server"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-token-refresher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until the audit trail stops moving (three equal readings a second apart): records still
     * queued in the agent, or on their way to the server, or a heartbeat not yet sent, would otherwise
     * look lost.
     */
    private static AuditCount quiet(SoakControlPlane server, Path auditFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
        AuditCount last = null;
        int same = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            AuditCount now = new AuditCount(lines(auditFile), server.recordsReceived("soak-server"),
                    server.recordsDroppedByAgents());
            same = now.equals(last) ? same + 1 : 0;
            last = now;
            if (same >= 2) {
                return now;
            }
        }
        System.out.println("soak: the audit trail was still moving after " + QUIET_WAIT + ": " + last);
        return last;
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The app's used heap after full collections, as its {@code MEM} command reports it. */
    private static long heapAfterFullGc(ChildJvm app) {
        int from = app.lineCount();
        app.send("MEM");
        Matcher m = app.await(MEM, from, Duration.ofSeconds(60));
        return Long.parseLong(m.group(1));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
