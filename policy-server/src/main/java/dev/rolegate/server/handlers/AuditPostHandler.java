package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.audit.AuditRecords;
import dev.rolegate.server.audit.AuditStore;
import dev.rolegate.server.auth.ClientAuthRequest;
import dev.rolegate.server.auth.ClientAuthentication;
import dev.rolegate.server.auth.PrivateKeyJwtAuthenticator;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.metrics.ServerMetrics;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/audit}: an agent ships a batch of decision records (a JSON array), authenticated
 * like the token endpoint. Valid records are stored durably before the answer
 * {@code {"accepted": n, "rejected": m}}; invalid ones (see {@link AuditRecords}) are counted and
 * dropped, so one bad record does not make the agent resend a whole batch forever.
 */
public final class AuditPostHandler implements Handler {
    private final ClientAuthentication authentication;
    private final AuditStore store;
    private final ServerMetrics metrics;
    private final Executor blocking;

    public AuditPostHandler(ClientAuthentication authentication, AuditStore store, ServerMetrics metrics,
                            Executor blocking) {
        this.authentication = authentication;
        this.store = store;
        this.metrics = metrics;
        this.blocking = blocking;
    }

    @Override
    public void handle(Exchange exchange) {
        authentication.authenticate(ClientAuthRequest.fromHeaders(exchange.header(HttpHeaderNames.AUTHORIZATION),
                        exchange.header(PrivateKeyJwtAuthenticator.ASSERTION_HEADER)))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        ClientErrors.asyncFailure(exchange, error);
                    } else if (!result.authenticated()) {
                        ClientErrors.authenticationFailed(exchange, result);
                    } else {
                        Blocking.run(blocking, exchange, () -> store(exchange, result.identity()));
                    }
                });
    }

    private void store(Exchange exchange, String identity) throws IOException {
        JsonNode batch;
        try {
            batch = Json.MAPPER.readTree(exchange.body());
        } catch (IOException e) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "the body must be a JSON array of records");
            return;
        }
        if (batch == null || !batch.isArray()) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "the body must be a JSON array of records");
            return;
        }
        List<ObjectNode> accepted = new ArrayList<>();
        int rejected = 0;
        for (JsonNode r : batch) {
            if (AuditRecords.problem(r, identity) == null) {
                accepted.add((ObjectNode) r);
            } else {
                rejected++;
            }
        }
        store.append(accepted);
        for (ObjectNode r : accepted) {
            metrics.auditReceived(identity, r.path("decision").asText());
        }
        ObjectNode body = Json.object();
        body.put("accepted", accepted.size());
        body.put("rejected", rejected);
        exchange.respond(Responses.json(HttpResponseStatus.OK, body));
    }
}
