package testapp.jdk;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code <id> BURST <n> <url-prefix>}: {@code n} GET requests at once, each from its own thread,
 * released together by one gate, to {@code <url-prefix><i>}. Even {@code i} go through
 * {@code java.net.http.HttpClient}, odd {@code i} through {@code HttpURLConnection}: two client
 * libraries of one JVM calling the same service at the same moment. Prints
 * {@code BURST <id> <answered 200> <n>}, preceded by one {@code BURSTERROR <id> <i> <class>: <message>}
 * line per failed request.
 */
final class Burst {
    private final Main.Caller httpClient = new HttpClientCaller(HttpClient.Version.HTTP_1_1);
    private final Main.Caller urlConnection = new UrlConnectionCaller();

    String run(String id, int n, String urlPrefix) throws InterruptedException {
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("BURST size must be 1 to 1000, not " + n);
        }
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Main.Caller caller = i % 2 == 0 ? httpClient : urlConnection;
            Thread thread = new Thread(() -> {
                try {
                    gate.await();
                    if (caller.call(id + "-" + index, "GET", urlPrefix + index, false) == 200) {
                        ok.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (System.out) {
                        System.out.println("BURSTERROR " + id + " " + index + " " + e.getClass().getName() + ": " + e.getMessage());
                    }
                }
            }, "burst-" + id + "-" + i);
            thread.start();
            threads.add(thread);
        }
        gate.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return "BURST " + id + " " + ok.get() + " " + n;
    }
}
