package dev.rolegate.agent.runtime.fleet;

import dev.rolegate.agent.runtime.Json;
import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.Threads;
import dev.rolegate.agent.runtime.server.PolicyServerClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reports this agent to the policy server's fleet view ({@code POST /v1/agents/heartbeat},
 * PROTOCOL.md "Heartbeats") from its own daemon thread {@value #THREAD_NAME}: once soon after
 * start, then every interval ({@code ROLEGATE_HEARTBEAT_INTERVAL}, default 30 s), and at once
 * whenever {@link #nudge()} is called (a new policy revision), so operators see the revision
 * change within a second. A failed heartbeat is only logged (rate limited): it changes nothing
 * about enforcement.
 */
public final class HeartbeatSender {
    public static final String THREAD_NAME = "rolegate-heartbeat";
    public static final long DEFAULT_INTERVAL_MILLIS = 30_000;

    private final PolicyServerClient server;
    private final String mode;
    private final LongSupplier revision;
    private final LongSupplier auditDropped;
    private final long intervalMillis;
    private final Semaphore nudges = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param revision     the policy revision enforced now, -1 without one
     * @param auditDropped decision records dropped so far
     */
    public HeartbeatSender(PolicyServerClient server, String mode, LongSupplier revision, LongSupplier auditDropped,
                           long intervalMillis) {
        this.server = server;
        this.mode = mode;
        this.revision = revision;
        this.auditDropped = auditDropped;
        this.intervalMillis = intervalMillis;
    }

    /** The interval from {@code ROLEGATE_HEARTBEAT_INTERVAL} (seconds; the system property overrides it). */
    public static long intervalFromEnvironment() {
        String v = System.getProperty("rolegate.heartbeat.interval", System.getenv("ROLEGATE_HEARTBEAT_INTERVAL"));
        if (v == null || v.isBlank()) {
            return DEFAULT_INTERVAL_MILLIS;
        }
        try {
            long s = Long.parseLong(v.strip());
            if (s >= 1 && s <= 3600) {
                return s * 1000;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        Log.line("ROLEGATE_HEARTBEAT_INTERVAL must be a whole number of seconds from 1 to 3600, got \"" + v
                + "\"; using 30");
        return DEFAULT_INTERVAL_MILLIS;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Threads.daemon(THREAD_NAME, this::run);
            thread.start();
        }
    }

    /** Sends a heartbeat now (e.g. after a new revision) rather than at the next interval. */
    public void nudge() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    public void stop() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        String host = hostName();
        try {
            while (running) {
                send(host);
                nudges.tryAcquire(intervalMillis, TimeUnit.MILLISECONDS);
                nudges.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The heartbeat body; the identity is not in it, the server takes it from the authentication. */
    String body(String host) {
        StringBuilder sb = new StringBuilder(200).append("{\"host\":");
        Json.quote(sb, host);
        sb.append(",\"pid\":").append(ProcessHandle.current().pid());
        sb.append(",\"mode\":");
        Json.quote(sb, mode);
        sb.append(",\"revision\":").append(revision.getAsLong());
        sb.append(",\"agentVersion\":");
        Json.quote(sb, agentVersion());
        sb.append(",\"auditDropped\":").append(auditDropped.getAsLong());
        return sb.append('}').toString();
    }

    private void send(String host) throws InterruptedException {
        String body = body(host);
        try {
            HttpResponse<String> r = server.send("/v1/agents/heartbeat", true, Duration.ofSeconds(10), b -> b
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
            if (r.statusCode() != 200) {
                Log.rateLimited("heartbeat", 300_000, "heartbeat refused by the policy server: HTTP " + r.statusCode());
            }
        } catch (IOException e) {
            Log.rateLimited("heartbeat", 300_000, "cannot send a heartbeat to the policy server ("
                    + PolicyServerClient.describe(e) + ")");
        }
    }

    /**
     * The build's version. The runtime is loaded from a jar nested in the agent jar, without a
     * manifest of its own, so the version comes from the filtered {@code version.properties}.
     */
    static String agentVersion() {
        try (InputStream in = HeartbeatSender.class.getResourceAsStream("/dev/rolegate/agent/runtime/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version");
            return v == null || v.isBlank() || v.startsWith("${") ? "development" : v;
        } catch (IOException e) {
            return "development";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
