package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.audit.AuditQuery;
import dev.rolegate.server.audit.AuditStore;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executor;

/**
 * {@code GET /v1/audit?decision=&caller=&service=&since=&limit=} (admin): stored decision records,
 * a JSON array, oldest first. {@code since} is an ISO-8601 instant; {@code limit} defaults to
 * {@value AuditQuery#DEFAULT_LIMIT} (at most {@value AuditQuery#MAX_LIMIT}).
 */
public final class AuditGetHandler implements Handler {
    private final AdminGuard admin;
    private final AuditStore store;
    private final Executor blocking;

    public AuditGetHandler(AdminGuard admin, AuditStore store, Executor blocking) {
        this.admin = admin;
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public void handle(Exchange exchange) {
        if (admin.authorize(exchange).isEmpty()) {
            return;
        }
        Instant since = null;
        String sinceParam = exchange.queryParam("since");
        if (sinceParam != null && !sinceParam.isBlank()) {
            try {
                since = Instant.parse(sinceParam);
            } catch (DateTimeParseException e) {
                exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                        "since must be an ISO-8601 instant such as 2026-12-03T18:00:00Z");
                return;
            }
        }
        int limit = AuditQuery.DEFAULT_LIMIT;
        String limitParam = exchange.queryParam("limit");
        if (limitParam != null && !limitParam.isBlank()) {
            if (!limitParam.matches("\\d{1,6}") || Integer.parseInt(limitParam) < 1
                    || Integer.parseInt(limitParam) > AuditQuery.MAX_LIMIT) {
                exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                        "limit must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
                return;
            }
            limit = Integer.parseInt(limitParam);
        }
        AuditQuery q = new AuditQuery(blankToNull(exchange.queryParam("decision")),
                blankToNull(exchange.queryParam("caller")), blankToNull(exchange.queryParam("service")), since, limit);
        Blocking.run(blocking, exchange, () -> {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (JsonNode r : store.query(q)) {
                array.add(r);
            }
            exchange.respond(Responses.json(HttpResponseStatus.OK, array));
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
