package dev.rolegate.benchmarks.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop keep-alive load generator on the JDK {@link HttpClient} (HTTP/1.1, one client and so
 * one pooled connection per thread): each thread sends {@link SoakCall#MIX} round and round, as fast
 * as answers come back, and checks every answer. Counts are kept per kind of call across runs.
 */
final class SoakLoad {
    private static final int SAMPLES_KEPT = 10;

    private final String baseUrl;
    private final Supplier<String> token;
    private final Map<SoakCall, AtomicLong> answered = new EnumMap<>(SoakCall.class);
    private final AtomicLong wrongDecisions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

    SoakLoad(String baseUrl, Supplier<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
        for (SoakCall c : SoakCall.values()) {
            answered.put(c, new AtomicLong());
        }
    }

    /** Runs {@code threads} loops for {@code seconds}; returns when all have stopped. */
    void run(int threads, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread loop = new Thread(() -> loop(offset, end), "soak-load-" + t);
            loops.add(loop);
            loop.start();
        }
        for (Thread loop : loops) {
            loop.join();
        }
    }

    private void loop(int offset, long end) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long i = offset;
        while (System.nanoTime() < end) {
            SoakCall call = SoakCall.MIX[(int) (i % SoakCall.MIX.length)];
            send(client, call, i);
            i++;
        }
    }

    private void send(HttpClient client, SoakCall call, long n) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + call.pathPrefix + (n % 1000)))
                .timeout(Duration.ofSeconds(30))
                .method(call.method, call.method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"n\":" + n + "}"));
        switch (call.token) {
            case VALID -> b.header("Rolegate-Token", token.get());
            case FORGED -> b.header("Rolegate-Token", forge(token.get()));
            case NONE -> { }
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            answered.get(call).incrementAndGet();
            int status = r.statusCode();
            if (status == call.expectedStatus && (!call.allowed() || "ok".equals(r.body()))) {
                return;
            }
            if (call.wrongDecision(status)) {
                wrongDecisions.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            sample(call + " answered " + status + ": " + abbreviate(r.body()));
        } catch (IOException e) {
            errors.incrementAndGet();
            sample(call + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.incrementAndGet();
        }
    }

    /** The token with one signature character changed: same length, same alphabet, wrong signature. */
    static String forge(String token) {
        int i = token.length() - 10;
        char c = token.charAt(i);
        return token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
    }

    private void sample(String line) {
        if (samples.size() < SAMPLES_KEPT) {
            samples.add(line);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Calls answered (any status) so far, all kinds. */
    long answered() {
        return answered.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long answered(SoakCall call) {
        return answered.get(call).get();
    }

    long wrongDecisions() {
        return wrongDecisions.get();
    }

    long errors() {
        return errors.get();
    }

    List<String> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
