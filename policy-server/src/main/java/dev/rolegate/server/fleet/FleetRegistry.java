package dev.rolegate.server.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents that sent a heartbeat recently, one entry per (identity, host, pid). In memory: after a
 * server restart the fleet reappears within one heartbeat interval. Entries not heard from for
 * {@link #FORGET_AFTER} are forgotten, and the number of entries is bounded, so that restarts of
 * many processes cannot grow it without end.
 */
public final class FleetRegistry {
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    static final int MAX_AGENTS = 10_000;
    private final ConcurrentHashMap<String, AgentStatus> agents = new ConcurrentHashMap<>();
    private final Clock clock;

    public FleetRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Records a heartbeat; {@code lastSeen} is set to now. Refused (false) when the registry is full. */
    public boolean heartbeat(AgentStatus status) {
        forgetOld();
        String key = status.identity() + "\u0000" + status.host() + "\u0000" + status.pid();
        if (!agents.containsKey(key) && agents.size() >= MAX_AGENTS) {
            return false;
        }
        agents.put(key, new AgentStatus(status.identity(), status.host(), status.pid(), status.mode(),
                status.revision(), status.agentVersion(), status.auditDropped(), clock.instant()));
        return true;
    }

    /** Every known agent, by identity, host and pid. */
    public List<AgentStatus> agents() {
        forgetOld();
        return agents.values().stream()
                .sorted(Comparator.comparing(AgentStatus::identity).thenComparing(AgentStatus::host)
                        .thenComparingLong(AgentStatus::pid))
                .toList();
    }

    /** Agents currently known. */
    public int size() {
        return agents.size();
    }

    private void forgetOld() {
        var cutoff = clock.instant().minus(FORGET_AFTER);
        agents.values().removeIf(a -> a.lastSeen().isBefore(cutoff));
    }
}
