package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.PathNormalizer;
import dev.rolegate.server.Json;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.policy.PolicyRevision;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /v1/check?identity=&service=&method=&path=} (admin): what the active policy decides for
 * a request and why, as if the caller presented every role bound to it.
 *
 * <p>Answer: {@code decision} ({@code allow}, {@code deny} or {@code public}), {@code reason}, the
 * granting {@code role} and {@code rule} of an allow, the caller's bound {@code roles}, and the
 * {@code rev} that decided.
 */
public final class CheckHandler implements Handler {
    private final AdminGuard admin;
    private final Supplier<PolicyRevision> current;

    public CheckHandler(AdminGuard admin, Supplier<PolicyRevision> current) {
        this.admin = admin;
        this.current = current;
    }

    @Override
    public void handle(Exchange exchange) {
        if (admin.authorize(exchange).isEmpty()) {
            return;
        }
        String identity = exchange.queryParam("identity");
        String service = exchange.queryParam("service");
        String method = exchange.queryParam("method");
        String path = exchange.queryParam("path");
        if (isBlank(identity) || isBlank(service) || isBlank(method) || isBlank(path)) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                    "identity, service, method and path are all required");
            return;
        }
        PolicyRevision rev = current.get();
        CompiledPolicy policy = rev.compiled();
        String m = method.toUpperCase(Locale.ROOT);
        ObjectNode body = Json.object();
        body.put("identity", identity);
        body.put("service", service);
        body.put("method", m);
        body.put("path", path);
        body.put("rev", rev.revision());
        ArrayNode roles = body.putArray("roles");
        policy.rolesBoundTo(identity).forEach(roles::add);
        PathNormalizer.NormalizedPath normalized = PathNormalizer.normalize(path);
        if (normalized.isRejected()) {
            answer(exchange, body, "deny", "the path is ambiguous and the agent answers 400: " + normalized.rejection());
        } else if (!policy.isService(service)) {
            answer(exchange, body, "deny", "\"" + service + "\" is not a service in revision " + rev.revision());
        } else if (policy.isPublic(service, m, normalized.path())) {
            answer(exchange, body, "public", m + " " + normalized.path() + " is public on " + service
                    + ": no token is needed");
        } else if (!policy.isIdentity(identity)) {
            answer(exchange, body, "deny", "\"" + identity + "\" is not an identity in revision " + rev.revision());
        } else {
            Decision d = policy.check(identity, service, m, normalized.path());
            if (d.allowed()) {
                body.put("role", d.role());
                body.put("rule", d.rule());
            }
            answer(exchange, body, d.allowed() ? "allow" : "deny", d.reason());
        }
    }

    private static void answer(Exchange exchange, ObjectNode body, String decision, String reason) {
        body.put("decision", decision);
        body.put("allowed", !"deny".equals(decision));
        body.put("reason", reason);
        exchange.respond(Responses.json(HttpResponseStatus.OK, body));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
