package dev.rolegate.agent.runtime.audit;

import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.server.PolicyServerClient;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decision records on their way out: a bounded queue that request threads offer to without ever
 * waiting, served by one daemon thread named {@value #THREAD_NAME}. When the queue is full the
 * record is dropped and counted; the count is logged at most once per minute.
 */
public final class AuditSink {
    public static final String THREAD_NAME = "rolegate-audit";
    public static final int DEFAULT_CAPACITY = 10_000;
    static final long DROP_REPORT_INTERVAL_MILLIS = 60_000;

    private final BlockingQueue<AuditRecord> queue;
    private final List<AuditOutput> outputs;
    private final AtomicLong dropped = new AtomicLong();
    private final Object writeLock = new Object();
    private long droppedReported;
    private long lastDropReport;
    private volatile boolean running;
    private Thread thread;
    private boolean outputFailureReported;

    public AuditSink(List<AuditOutput> outputs, int capacity) {
        this.outputs = List.copyOf(outputs);
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** A sink that discards everything ({@code ROLEGATE_AUDIT=off}). */
    public static AuditSink discarding() {
        return new AuditSink(List.of(), 1);
    }

    /** Whether records go anywhere (callers may skip building them otherwise). */
    public boolean enabled() {
        return !outputs.isEmpty();
    }

    /** Queues a record; never blocks. */
    public void record(AuditRecord r) {
        if (outputs.isEmpty()) {
            return;
        }
        if (!queue.offer(r)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Starts the audit thread. */
    public synchronized void start() {
        if (thread != null || outputs.isEmpty()) {
            return;
        }
        running = true;
        thread = dev.rolegate.agent.runtime.Threads.daemon(THREAD_NAME, this::run);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                AuditRecord r = queue.poll(1, TimeUnit.SECONDS);
                synchronized (writeLock) {
                    while (r != null) {
                        write(r);
                        r = queue.poll();
                    }
                    flushOutputs();
                }
                reportDrops(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes out everything queued (the shutdown hook calls this) and stops the thread. */
    public void close() {
        running = false;
        synchronized (writeLock) {
            AuditRecord r;
            while ((r = queue.poll()) != null) {
                write(r);
            }
            flushOutputs();
        }
        reportDrops(true);
    }

    private void write(AuditRecord r) {
        String line = AuditJson.format(r);
        for (AuditOutput o : outputs) {
            try {
                o.write(r, line);
            } catch (IOException | RuntimeException e) {
                outputFailed(e);
            }
        }
    }

    private void flushOutputs() {
        for (AuditOutput o : outputs) {
            try {
                o.flush();
            } catch (IOException | RuntimeException e) {
                outputFailed(e);
            }
        }
    }

    private void outputFailed(Exception e) {
        if (!outputFailureReported) {
            outputFailureReported = true;
            Log.line("ERROR cannot write decision records (" + PolicyServerClient.describe(e) + ")");
        }
    }

    private synchronized void reportDrops(boolean force) {
        long d = dropped.get();
        long now = System.currentTimeMillis();
        if (d > droppedReported && (force || now - lastDropReport >= DROP_REPORT_INTERVAL_MILLIS)) {
            Log.line((d - droppedReported) + " decision record(s) dropped because the audit queue was full ("
                    + d + " in total)");
            droppedReported = d;
            lastDropReport = now;
        }
    }
}
