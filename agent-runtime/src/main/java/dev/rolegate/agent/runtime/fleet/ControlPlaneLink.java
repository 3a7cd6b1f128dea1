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
 * {@code rolegate.audit.ship} and {@code rolegate.audit.ship.allows} override them.
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
        return new ControlPlaneLink(server, mode,
                shipOn ? new ServerAuditOutput(server, allows, AuditSink.DEFAULT_CAPACITY) : null);
    }

    private static String setting(String env, String property) {
        String p = System.getProperty(property);
        return p != null ? p : System.getenv(env);
    }

    /** The output that ships records, or null when shipping is off. */
    public AuditOutput auditOutput() {
        return shipper;
    }

    /**
     * Sets up heartbeats reporting the watcher's revision and every dropped record.
     *
     * @param localDropped records the local audit queue dropped
     */
    public void connect(PolicyWatcher watcher, LongSupplier localDropped) {
        LongSupplier revision = () -> {
            PolicySnapshot s = watcher.current();
            return s == null ? -1 : s.rev();
        };
        LongSupplier dropped = () -> localDropped.getAsLong() + (shipper == null ? 0 : shipper.dropped());
        heartbeat = new HeartbeatSender(server, mode, revision, dropped, HeartbeatSender.intervalFromEnvironment());
        watcher.addListener((before, after) -> heartbeat.nudge());
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
