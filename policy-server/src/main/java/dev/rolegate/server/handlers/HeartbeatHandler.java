package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.auth.ClientAuthRequest;
import dev.rolegate.server.auth.ClientAuthentication;
import dev.rolegate.server.auth.PrivateKeyJwtAuthenticator;
import dev.rolegate.server.fleet.AgentStatus;
import dev.rolegate.server.fleet.FleetRegistry;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/agents/heartbeat}: an agent reports its status (PROTOCOL.md "Heartbeats"),
 * authenticated like the token endpoint; the identity comes from the authentication, never from the
 * body. Answers {@code {"revision": <active revision>}}.
 */
public final class HeartbeatHandler implements Handler {
    private static final int MAX_TEXT = 200;
    private final ClientAuthentication authentication;
    private final FleetRegistry fleet;
    private final LongSupplier activeRevision;

    public HeartbeatHandler(ClientAuthentication authentication, FleetRegistry fleet, LongSupplier activeRevision) {
        this.authentication = authentication;
        this.fleet = fleet;
        this.activeRevision = activeRevision;
    }

    @Override
    public void handle(Exchange exchange) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(exchange.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "the body must be a JSON object");
            return;
        }
        JsonNode status = body;
        authentication.authenticate(ClientAuthRequest.fromHeaders(exchange.header(HttpHeaderNames.AUTHORIZATION),
                        exchange.header(PrivateKeyJwtAuthenticator.ASSERTION_HEADER)))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        ClientErrors.asyncFailure(exchange, error);
                    } else if (!result.authenticated()) {
                        ClientErrors.authenticationFailed(exchange, result);
                    } else {
                        record(exchange, result.identity(), status);
                    }
                });
    }

    private void record(Exchange exchange, String identity, JsonNode b) {
        boolean stored = fleet.heartbeat(new AgentStatus(identity, text(b, "host"), b.path("pid").asLong(-1),
                text(b, "mode"), b.path("revision").asLong(-1), text(b, "agentVersion"),
                b.path("auditDropped").asLong(0), null));
        if (!stored) {
            exchange.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable", "too many agents");
            return;
        }
        ObjectNode answer = Json.object();
        answer.put("revision", activeRevision.getAsLong());
        exchange.respond(Responses.json(HttpResponseStatus.OK, answer));
    }

    private static String text(JsonNode b, String field) {
        String s = b.path(field).asText("");
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
}
