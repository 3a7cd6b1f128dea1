package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.policy.PolicyValidationException;
import dev.rolegate.server.Json;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.policy.PolicyRevision;
import dev.rolegate.server.policy.PolicyStore;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/policy/rollback} (admin), body {@code {"rev": N}}: activates revision N's document
 * again as a new revision, recorded with the admin as author.
 */
public final class PolicyRollbackHandler implements Handler {
    private final AdminGuard admin;
    private final PolicyStore store;
    private final Executor blocking;

    public PolicyRollbackHandler(AdminGuard admin, PolicyStore store, Executor blocking) {
        this.admin = admin;
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public void handle(Exchange exchange) {
        Optional<String> author = admin.authorize(exchange);
        if (author.isEmpty()) {
            return;
        }
        long rev;
        try {
            JsonNode body = Json.MAPPER.readTree(exchange.body());
            if (body == null || !body.path("rev").canConvertToExactIntegral() || body.path("rev").asLong() < 1) {
                throw new IOException("no positive rev");
            }
            rev = body.path("rev").asLong();
        } catch (IOException e) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "send {\"rev\": <revision number>}");
            return;
        }
        Blocking.run(blocking, exchange, () -> rollback(exchange, rev, author.get()));
    }

    private void rollback(Exchange exchange, long rev, String author) throws IOException {
        Optional<PolicyRevision> active;
        try {
            active = store.rollback(rev, author);
        } catch (PolicyValidationException e) {
            exchange.error(HttpResponseStatus.UNPROCESSABLE_ENTITY, "invalid_policy",
                    "revision " + rev + " no longer validates: " + e.getMessage());
            return;
        }
        if (active.isEmpty()) {
            exchange.error(HttpResponseStatus.NOT_FOUND, "not_found", "no revision " + rev + " in the history");
            return;
        }
        ObjectNode body = Json.object();
        body.put("revision", active.get().revision());
        body.put("digest", active.get().digest());
        body.put("rolledBackTo", rev);
        FullHttpResponse r = Responses.json(HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.ETAG, PolicyGetHandler.etag(active.get()));
        exchange.respond(r);
    }
}
