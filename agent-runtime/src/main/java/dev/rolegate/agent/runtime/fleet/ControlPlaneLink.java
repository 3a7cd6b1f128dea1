package dev.rolegate.agent.runtime.fleet;

import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.audit.AllowShipping;
import dev.rolegate.agent.runtime.audit.AuditOutput;
import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.audit.ServerAuditOutput;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.policy.PolicyWatcher;
import dev.rolegate.agent.runtime.server.PolicyServerClient;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the agent reports to the policy server besides fetching policy and tokens: decision records
 * ({@link ServerAuditOutput}) and heartbeats ({@link HeartbeatSender}). Settings:
 * {@code ROLEGATE_AUDIT_SHIP} ({@code on} by default, {@code off} to keep records local) and
 * {@code ROLEGATE_AUDIT_SHIP_ALLOWS} ({@link AllowShipping}); the system properties
 * {@code rolegate.audit.ship} and {@code rolegate.audit.ship.allows} override them;
 * {@code ROLEGATE_AUDIT_SHIP_QUEUE} ({@code rolegate.audit.ship.queue}) bounds the records waiting
 * to be shipped.
 */
public final class ControlPlaneLink {
    private final PolicyServerClient server;
    private final String mode;
    private final ServerAuditOutput shipper;
    private HeartbeatSender heartbeat;

    private ControlPlaneLink(PolicyServerClient server, String mode, ServerAuditOutput shipper) {
        this.server = server;
        this.mode = mode;
        this.shipper = shipper;
    }

    /** Reads the shipping settings; a bad value is reported on stderr and the default used. */
    public static ControlPlaneLink create(PolicyServerClient server, String mode) {
        String ship = setting("ROLEGATE_AUDIT_SHIP", "rolegate.audit.ship");
        boolean shipOn = ship == null || !ship.strip().toLowerCase(Locale.ROOT).equals("off");
        AllowShipping allows = AllowShipping.DEFAULT;
        try {
            allows = AllowShipping.parse(setting("ROLEGATE_AUDIT_SHIP_ALLOWS", "rolegate.audit.ship.allows"));
        } catch (IllegalArgumentException e) {
            Log.line(e.getMessage() + "; using sample:0.1");
        }
        int capacity = shipQueueCapacity(setting("ROLEGATE_AUDIT_SHIP_QUEUE", "rolegate.audit.ship.queue"));
        // Without client credentials every report would be refused (401): the configuration check
        // has already said, in one line, that the agent works from its cache only.
        boolean reporting = server.hasCredentials();
        return new ControlPlaneLink(server, mode,
                shipOn && reporting ? new ServerAuditOutput(server, allows, capacity) : null);
    }

    /** {@code ROLEGATE_AUDIT_SHIP_QUEUE}: records waiting to be shipped, 100 to 1000000 (default 10000). */
    static int shipQueueCapacity(String value) {
        if (value == null || value.isBlank()) {
            return AuditSink.DEFAULT_CAPACITY;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 100 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        Log.line("ROLEGATE_AUDIT_SHIP_QUEUE must be a whole number from 100 to 1000000, got \"" + value
                + "\"; using " + AuditSink.DEFAULT_CAPACITY);
        return AuditSink.DEFAULT_CAPACITY;
    }

    private static String setting(String env, String property) {
        String p = System.getProperty(property);
        return p != null ? p : System.getenv(env);
    }

    /** The output that ships records, or null when shipping is off or the agent has no client credentials. */
    public AuditOutput auditOutput() {
        return shipper;
    }

    /**
     * Sets up heartbeats reporting the watcher's revision and every dropped record; none without
     * client credentials, since the server would refuse them.
     *
     * @param localDropped records the local audit queue dropped
     */
    public void connect(PolicyWatcher watcher, LongSupplier localDropped) {
        if (!server.hasCredentials()) {
            return;
        }
        LongSupplier revision = () -> {
            PolicySnapshot s = watcher.current();
            return s == null ? -1 : s.rev();
        };
        LongSupplier dropped = () -> localDropped.getAsLong() + (shipper == null ? 0 : shipper.dropped());
        heartbeat = new HeartbeatSender(server, mode, revision, dropped, HeartbeatSender.intervalFromEnvironment());
        watcher.addListener((before, after) -> heartbeat.nudge());
    }

    /** Whether heartbeats are set up ({@link #connect} with client credentials). */
    boolean sendsHeartbeats() {
        return heartbeat != null;
    }

    /** Starts the shipping and heartbeat threads. */
    public void start() {
        if (shipper != null) {
            shipper.start();
        }
        if (heartbeat != null) {
            heartbeat.start();
        }
    }

    /** At shutdown, after the audit sink has written out its queue: ship the rest, stop heartbeats. */
    public void close() {
        if (heartbeat != null) {
            heartbeat.stop();
        }
        if (shipper != null) {
            shipper.close();
        }
    }
}
