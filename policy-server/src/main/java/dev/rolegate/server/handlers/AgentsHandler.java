package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.fleet.AgentStatus;
import dev.rolegate.server.fleet.FleetRegistry;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.function.LongSupplier;

/**
 * {@code GET /v1/agents} (admin): the fleet from heartbeats, a JSON array of {@code identity, host,
 * pid, mode, revision, agentVersion, auditDropped, lastSeen} and {@code current} (whether it runs the
 * active revision), so operators see who still enforces an old one.
 */
public final class AgentsHandler implements Handler {
    private final AdminGuard admin;
    private final FleetRegistry fleet;
    private final LongSupplier activeRevision;

    public AgentsHandler(AdminGuard admin, FleetRegistry fleet, LongSupplier activeRevision) {
        this.admin = admin;
        this.fleet = fleet;
        this.activeRevision = activeRevision;
    }

    @Override
    public void handle(Exchange exchange) {
        if (admin.authorize(exchange).isEmpty()) {
            return;
        }
        long active = activeRevision.getAsLong();
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (AgentStatus a : fleet.agents()) {
            ObjectNode n = array.addObject();
            n.put("identity", a.identity());
            n.put("host", a.host());
            n.put("pid", a.pid());
            n.put("mode", a.mode());
            n.put("revision", a.revision());
            n.put("current", a.revision() == active);
            n.put("agentVersion", a.agentVersion());
            n.put("auditDropped", a.auditDropped());
            n.put("lastSeen", a.lastSeen().toString());
        }
        exchange.respond(Responses.json(HttpResponseStatus.OK, array));
    }
}
