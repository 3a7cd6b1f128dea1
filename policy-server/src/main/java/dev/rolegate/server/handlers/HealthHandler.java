package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.policy.PolicyRevision;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.function.Supplier;

/** {@code GET /healthz}: 200 while serving, with the active revision. */
public final class HealthHandler implements Handler {
    private final Supplier<PolicyRevision> current;

    public HealthHandler(Supplier<PolicyRevision> current) {
        this.current = current;
    }

    @Override
    public void handle(Exchange exchange) {
        ObjectNode body = Json.object();
        body.put("status", "ok");
        body.put("revision", current.get().revision());
        exchange.respond(Responses.json(HttpResponseStatus.OK, body));
    }
}
