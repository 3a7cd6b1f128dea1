package dev.rolegate.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy server under load, in a JVM capped at {@value #SERVER_HEAP}: {@code watchers}
 * concurrent long polls ({@code GET /v1/policy?wait=60} with the current ETag) held open, the heap
 * it then uses, the time to fan a new revision out to all of them, and token issuance
 * ({@code POST /v1/token}, client_secret_basic) by several concurrent clients.
 */
public final class ServerScale {
    static final String SERVER_HEAP = "-Xmx256m";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ServerScale() {
    }

    public static void run(Setup s, Report report) throws Exception {
        int watchers = s.smoke ? 50 : 10_000;
        double tokenSeconds = s.smoke ? 0.5 : 10;
        int port = Setup.freePort();
        try (PolicyServerRunner server = PolicyServerRunner.start(s.serverJar, s.dir("scale-server"),
                Setup.policy(List.of(port), List.of()), List.of(SERVER_HEAP), "bench-server", "bench-client", "watcher")) {
            tokens(server, report, tokenSeconds, "");
            watchers(s, server, report, port, watchers);
        }
        if (s.jdk25Home != null) {
            // The same server jar on JDK 25, whose EC arithmetic signs several times faster than 17's
            // (see the ES256 signing row of the jmh section): the runtime the server should be given.
            try (PolicyServerRunner server = PolicyServerRunner.start(s.jdk25Home, s.serverJar, s.dir("scale-server-25"),
                    Setup.policy(List.of(port), List.of()), List.of(SERVER_HEAP), "bench-server", "bench-client")) {
                tokens(server, report, tokenSeconds, ", policy server on JDK 25");
            }
        }
    }

    private static void tokens(PolicyServerRunner server, Report report, double seconds, String runtime) throws Exception {
        int threads = 4;
        URI url = URI.create(server.url());
        TokenLoad load = new TokenLoad(url.getHost(), url.getPort(), basic("bench-client", server.secretOf("bench-client")),
                "grant_type=client_credentials&audience=bench-server");
        // Warm-up, so the figure is the steady state and not the server's JIT.
        load.run(threads, Math.min(3, seconds));
        long[] result = load.run(threads, seconds);
        double perSecond = result[0] / (result[2] / 1e9);
        report.add(String.format("token issuance%s, %d keep-alive clients, %.0f s (%d errors)", runtime, threads, seconds, result[1]),
                String.format("%.0f tokens/s", perSecond), "≥ 5000 tokens/s", perSecond >= 5000 && result[1] == 0,
                "benchmarks/run.sh scale");
    }

    private static void watchers(Setup s, PolicyServerRunner server, Report report, int port, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        String auth = basic("watcher", server.secretOf("watcher"));
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/policy"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        String etag = first.headers().firstValue("ETag").orElseThrow(() ->
                new IllegalStateException("GET /v1/policy answered " + first.statusCode() + " without an ETag"));
        long heapBefore = serverHeapKb(server);
        HttpRequest poll = HttpRequest.newBuilder(URI.create(server.url() + "/v1/policy?wait=120"))
                .header("Authorization", auth).header("If-None-Match", etag).timeout(Duration.ofSeconds(180)).build();
        long[] answeredAt = new long[count];
        List<CompletableFuture<Integer>> polls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = i;
            polls.add(http.sendAsync(poll, HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
                answeredAt[id] = System.nanoTime();
                return r.statusCode();
            }));
            if (i % 500 == 499) {
                Thread.sleep(20); // pace the connection storm a little; the kernel's accept queue is finite
            }
        }
        long held = awaitHeld(server, count, polls);
        long heapHeld = serverHeapKb(server);
        long t0 = System.nanoTime();
        int status = server.putPolicy(Setup.policy(List.of(port), List.of("GET /fanout")));
        if (status / 100 != 2) {
            throw new IllegalStateException("PUT /v1/policy answered " + status);
        }
        int ok = 0;
        for (CompletableFuture<Integer> f : polls) {
            if (f.get(120, TimeUnit.SECONDS) == 200) {
                ok++;
            }
        }
        List<Double> millis = new ArrayList<>();
        for (long at : answeredAt) {
            millis.add((at - t0) / 1e6);
        }
        report.add(String.format("%d concurrent long-poll watchers held (%d answered with the new revision); server heap"
                        + " after full GC with them held, before: %d MB, JVM capped at %s", count, ok, heapBefore / 1024,
                        SERVER_HEAP), String.format("%d MB", heapHeld / 1024), "bounded (report)", held >= count ? null : false,
                "benchmarks/run.sh scale");
        report.add(String.format("fan-out of a new revision to all %d watchers (PUT to last answer; p50 %.0f ms)", count,
                        Report.percentile(millis, 0.5)), String.format("%.0f ms", Report.percentile(millis, 1.0)),
                "report", null, "benchmarks/run.sh scale");
    }

    /** Waits until the server's gauge of long-polling agents reaches {@code count}; returns what it saw. */
    private static long awaitHeld(PolicyServerRunner server, int count, List<CompletableFuture<Integer>> polls)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern gauge = Pattern.compile("(?m)^rolegate_\\w*(?:watch|poll)\\w*\\s+([0-9.eE+]+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long seen = 0;
        while (System.nanoTime() < deadline) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = gauge.matcher(metrics);
            if (m.find()) {
                seen = (long) Double.parseDouble(m.group(1));
            }
            long failed = polls.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            if (failed > 0) {
                throw new IllegalStateException(failed + " long polls failed");
            }
            if (seen >= count) {
                return seen;
            }
            Thread.sleep(100);
        }
        return seen;
    }

    /** Heap in use after a full collection, by jcmd. */
    static long serverHeapKb(PolicyServerRunner server) throws Exception {
        jcmd(server.pid(), "GC.run");
        String info = jcmd(server.pid(), "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
}
