package dev.rolegate.benchmarks.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop keep-alive load generator on {@link HttpURLConnection} (which the agent
 * instruments, so with the agent every request carries a token, as between two real services).
 * Reads {@code RUN <url> <seconds> <connections>} lines on stdin and answers each with
 * {@code RESULT <requests> <elapsed ns> <p50 ns> <p99 ns> <errors>}.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        AppSupport.mainEntered();
        System.out.println("READY 0");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.trim().split(" ");
            if (p.length == 4 && p[0].equals("RUN")) {
                System.out.println(run(new URL(p[1]), Double.parseDouble(p[2]), Integer.parseInt(p[3])));
            }
        }
    }

    static String run(URL url, double seconds, int connections) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                byte[] buf = new byte[8192];
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                        int status = conn.getResponseCode();
                        try (InputStream body = status < 400 ? conn.getInputStream() : conn.getErrorStream()) {
                            while (body != null && body.read(buf) >= 0) {
                                // drain, so the connection goes back to the keep-alive cache
                            }
                        }
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - s;
                }
                latencies[id] = lat;
                counts[id] = n;
                done.countDown();
            }, "load-" + c);
            t.start();
        }
        done.await();
        long elapsed = System.nanoTime() - t0;
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        long p50 = total == 0 ? 0 : all[(int) (total * 0.50)];
        long p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))];
        return "RESULT " + total + " " + elapsed + " " + p50 + " " + p99 + " " + errors.get();
    }
}
