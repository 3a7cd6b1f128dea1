package dev.rolegate.server.fleet;

import java.time.Instant;

/**
 * What one agent last reported in a heartbeat.
 *
 * @param identity     the authenticated identity (never taken from the body)
 * @param host         the host name it reported
 * @param pid          its process id
 * @param mode         {@code enforce}, {@code monitor} or {@code off}
 * @param revision     the policy revision it enforces, -1 when it has none
 * @param agentVersion the agent's version
 * @param auditDropped decision records it has dropped so far (queue full or server unreachable)
 * @param lastSeen     when the heartbeat arrived
 */
public record AgentStatus(String identity, String host, long pid, String mode, long revision, String agentVersion,
                          long auditDropped, Instant lastSeen) {
}
