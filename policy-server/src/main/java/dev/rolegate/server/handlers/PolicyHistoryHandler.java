package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.policy.HistoryEntry;
import dev.rolegate.server.policy.PolicyStore;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code GET /v1/policy/revisions} (admin): the history, newest first, without documents;
 * {@code GET /v1/policy/revisions/<rev>}: one revision with its document.
 */
public final class PolicyHistoryHandler implements Handler {
    /** The path both routes share. */
    public static final String PATH = "/v1/policy/revisions";
    private final AdminGuard admin;
    private final PolicyStore store;
    private final Executor blocking;

    public PolicyHistoryHandler(AdminGuard admin, PolicyStore store, Executor blocking) {
        this.admin = admin;
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public void handle(Exchange exchange) {
        if (admin.authorize(exchange).isEmpty()) {
            return;
        }
        String path = exchange.path();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            Blocking.run(blocking, exchange, () -> list(exchange));
            return;
        }
        String rest = path.substring(PATH.length() + 1);
        if (!rest.matches("\\d{1,18}")) {
            exchange.error(HttpResponseStatus.NOT_FOUND, "not_found", "revisions are named by their number");
            return;
        }
        long rev = Long.parseLong(rest);
        Blocking.run(blocking, exchange, () -> one(exchange, rev));
    }

    private void list(Exchange exchange) throws Exception {
        long active = store.current().revision();
        List<HistoryEntry> history = store.history();
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (HistoryEntry e : history) {
            array.add(describe(e, active));
        }
        exchange.respond(Responses.json(HttpResponseStatus.OK, array));
    }

    private void one(Exchange exchange, long rev) throws Exception {
        Optional<HistoryEntry> entry = store.historyEntry(rev);
        if (entry.isEmpty()) {
            exchange.error(HttpResponseStatus.NOT_FOUND, "not_found", "no revision " + rev + " in the history");
            return;
        }
        ObjectNode node = describe(entry.get(), store.current().revision());
        node.set("policy", Json.MAPPER.readTree(entry.get().policyJson()));
        exchange.respond(Responses.json(HttpResponseStatus.OK, node));
    }

    static ObjectNode describe(HistoryEntry e, long active) {
        ObjectNode node = Json.object();
        node.put("revision", e.revision());
        node.put("digest", e.digest());
        node.put("activatedAt", e.activatedAt());
        node.put("author", e.author());
        node.put("source", e.source());
        node.put("active", e.revision() == active);
        return node;
    }
}
