package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.policy.PolicyValidationException;
import dev.rolegate.policy.Problem;
import dev.rolegate.server.Json;
import dev.rolegate.server.Log;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.policy.PolicyRevision;
import dev.rolegate.server.policy.PolicyStore;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code PUT /v1/policy} (admin): validates a JSON or YAML document and activates it, or answers
 * 422 with every problem and changes nothing. See {@link PolicyStore} for how a PUT and the policy
 * file take turns.
 */
public final class PolicyPutHandler implements Handler {
    private static final Set<String> MEDIA_TYPES = Set.of(
            "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    private final AdminGuard admin;
    private final PolicyStore store;
    private final Executor blocking;

    public PolicyPutHandler(AdminGuard admin, PolicyStore store, Executor blocking) {
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
        String contentType = exchange.header(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null && !MEDIA_TYPES.contains(mediaType(contentType))) {
            exchange.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "send the policy as application/json or application/yaml");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(exchange.body())).toString();
        } catch (CharacterCodingException e) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "the body is not UTF-8");
            return;
        }
        try {
            // Parsing, compiling and persisting the revision touch the disk: off the event loop.
            blocking.execute(() -> activate(exchange, text, author.get()));
        } catch (RejectedExecutionException e) {
            ClientErrors.asyncFailure(exchange, e);
        }
    }

    private void activate(Exchange exchange, String text, String author) {
        try {
            long before = store.current().revision();
            PolicyRevision active = store.activateFromAdmin(text, author);
            ObjectNode body = Json.object();
            body.put("revision", active.revision());
            body.put("digest", active.digest());
            body.put("changed", active.revision() != before);
            if (store.policyFileExists()) {
                // Last change wins: say so, so that nobody is surprised when a later file edit replaces this.
                body.put("note", "active until the policy file changes; then the file's document becomes the next revision");
            }
            FullHttpResponse r = Responses.json(HttpResponseStatus.OK, body);
            r.headers().set(HttpHeaderNames.ETAG, PolicyGetHandler.etag(active));
            exchange.respond(r);
        } catch (PolicyValidationException e) {
            ObjectNode body = Json.object();
            body.put("error", "invalid_policy");
            body.put("error_description", e.problems().size() + " problem(s); nothing was changed");
            ArrayNode problems = body.putArray("problems");
            for (Problem p : e.problems()) {
                problems.addObject().put("location", p.location()).put("message", p.message());
            }
            exchange.respond(Responses.json(HttpResponseStatus.UNPROCESSABLE_ENTITY, body));
        } catch (Exception e) {
            Log.error("PUT /v1/policy failed: " + e);
            exchange.fail(e);
        }
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
