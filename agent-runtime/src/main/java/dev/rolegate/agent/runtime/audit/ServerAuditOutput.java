package dev.rolegate.agent.runtime.audit;

import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.Threads;
import dev.rolegate.agent.runtime.server.PolicyServerClient;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships decision records to the policy server ({@code POST /v1/audit}, PROTOCOL.md "Audit
 * shipping") in batches of up to {@value #BATCH} records, from its own daemon thread
 * {@value #THREAD_NAME}, so a slow or absent server never holds up local audit output.
 *
 * <p>Records wait in a bounded queue. While the server cannot be reached the batch in hand is kept
 * and retried with backoff; records that do not fit in the queue meanwhile are dropped and
 * counted. The count is logged (at most once a minute) and reported in every heartbeat, so a loss
 * is never silent. A batch the server refuses (4xx) is dropped and counted too: resending it
 * would be refused again.
 */
public final class ServerAuditOutput implements AuditOutput {
    public static final String THREAD_NAME = "rolegate-audit-shipper";
    static final int BATCH = 500;
    static final long MAX_BACKOFF_MILLIS = 30_000;

    private final PolicyServerClient server;
    private final AllowShipping allows;
    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    /** The batch being shipped; touched by the shipping thread, then by {@link #close()} after it ended. */
    private final List<String> batch = new ArrayList<>(BATCH);
    private volatile boolean running = true;
    private Thread thread;

    public ServerAuditOutput(PolicyServerClient server, AllowShipping allows, int capacity) {
        this.server = server;
        this.allows = allows;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Starts the shipping thread. */
    public synchronized void start() {
        if (thread == null) {
            thread = Threads.daemon(THREAD_NAME, this::run);
            thread.start();
        }
    }

    @Override
    public void write(AuditRecord record, String jsonLine) {
        if (!allows.ships(record, () -> ThreadLocalRandom.current().nextDouble())) {
            return;
        }
        if (!queue.offer(jsonLine)) {
            drop(1, "the shipping queue is full");
        }
    }

    @Override
    public void flush() {
        // Batches leave on the shipping thread's own schedule.
    }

    /** Records dropped so far (queue full, or refused by the server). */
    public long dropped() {
        return dropped.get();
    }

    /** Records the server has stored so far. */
    public long shipped() {
        return shipped.get();
    }

    private void drop(long n, String why) {
        long total = dropped.addAndGet(n);
        Log.rateLimited("audit-ship-drop", 60_000, "decision records not shipped to the policy server: " + why
                + " (" + total + " dropped in total so far)");
    }

    private void run() {
        long backoff = 1_000;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    String first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                if (send(batch)) {
                    batch.clear();
                    backoff = 1_000;
                } else {
                    Thread.sleep(backoff); // the retry delay of a background thread
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return true when the batch is done with (stored, or refused and counted) */
    private boolean send(List<String> batch) throws InterruptedException {
        String body = "[" + String.join(",", batch) + "]";
        try {
            HttpResponse<String> r = server.send("/v1/audit", true, Duration.ofSeconds(10), b -> b
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
            if (r.statusCode() == 200) {
                shipped.addAndGet(batch.size());
                return true;
            }
            if (r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 429) {
                drop(batch.size(), "the server refused a batch with HTTP " + r.statusCode());
                return true;
            }
            Log.rateLimited("audit-ship-fail", 60_000, "cannot ship decision records: the policy server answered HTTP "
                    + r.statusCode() + "; retrying");
            return false;
        } catch (IOException e) {
            Log.rateLimited("audit-ship-fail", 60_000, "cannot ship decision records ("
                    + PolicyServerClient.describe(e) + "); retrying");
            return false;
        }
    }

    /** Stops the thread after one last attempt to ship what is queued (at shutdown). */
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> rest = new ArrayList<>();
        if (t == null || !t.isAlive()) {
            rest.addAll(batch);
        }
        queue.drainTo(rest);
        try {
            for (int i = 0; i < rest.size(); i += BATCH) {
                List<String> batch = rest.subList(i, Math.min(rest.size(), i + BATCH));
                if (!send(batch)) {
                    drop(rest.size() - i, "the policy server could not be reached at shutdown");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
