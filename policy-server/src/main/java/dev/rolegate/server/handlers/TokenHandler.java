package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.server.Json;
import dev.rolegate.server.auth.AuthResult;
import dev.rolegate.server.auth.ClientAuthRequest;
import dev.rolegate.server.auth.ClientAuthentication;
import dev.rolegate.server.auth.FailedAuthLimiter;
import dev.rolegate.server.auth.PrivateKeyJwtAuthenticator;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.FormBody;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.metrics.ServerMetrics;
import dev.rolegate.server.token.TokenIssuer;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /v1/token}: the OAuth 2.0 client-credentials grant (CONTRACT.md section 4).
 *
 * <p>Order of checks: the body must be a form; then the client must authenticate (401
 * {@code invalid_client}); then {@code grant_type} ({@code unsupported_grant_type}),
 * {@code audience} ({@code invalid_request} when missing, {@code invalid_target} when not a
 * service). Authenticating first keeps unauthenticated callers from probing which services exist.
 */
public final class TokenHandler implements Handler {
    static final String GRANT = "client_credentials";

    private final ClientAuthentication authentication;
    private final Supplier<CompiledPolicy> policy;
    private final TokenIssuer issuer;
    private final ServerMetrics metrics;
    private final FailedAuthLimiter limiter;

    public TokenHandler(ClientAuthentication authentication, Supplier<CompiledPolicy> policy, TokenIssuer issuer,
                        ServerMetrics metrics, FailedAuthLimiter limiter) {
        this.authentication = authentication;
        this.policy = policy;
        this.issuer = issuer;
        this.metrics = metrics;
        this.limiter = limiter;
    }

    @Override
    public void handle(Exchange exchange) {
        if (!FormBody.isForm(exchange.header(HttpHeaderNames.CONTENT_TYPE))) {
            refuse(exchange, null, HttpResponseStatus.BAD_REQUEST, "invalid_request",
                    "the body must be application/x-www-form-urlencoded");
            return;
        }
        Map<String, String> form;
        try {
            form = FormBody.parse(exchange.body());
        } catch (FormBody.MalformedFormException e) {
            refuse(exchange, null, HttpResponseStatus.BAD_REQUEST, "invalid_request", e.getMessage());
            return;
        }
        String assertionHeader = exchange.header(PrivateKeyJwtAuthenticator.ASSERTION_HEADER);
        Map<String, String> fields = form;
        if (assertionHeader != null && !form.containsKey("client_assertion")) {
            // The agent's way (PROTOCOL.md); the form fields of RFC 7523 work as well.
            fields = new java.util.LinkedHashMap<>(form);
            fields.put("client_assertion_type", PrivateKeyJwtAuthenticator.ASSERTION_TYPE);
            fields.put("client_assertion", assertionHeader);
        }
        ClientAuthRequest request = new ClientAuthRequest(exchange.header(HttpHeaderNames.AUTHORIZATION), fields);
        String claimed = FailedAuthLimiter.claimedIdentity(request);
        String[] keys = {claimed == null ? null : FailedAuthLimiter.identityKey(claimed),
                FailedAuthLimiter.addressKey(sourceAddress(exchange))};
        OptionalLong wait = limiter.retryAfterSeconds(keys);
        if (wait.isPresent()) {
            metrics.tokenRefused(refusedLabel(claimed), "rate_limited");
            FullHttpResponse r = Responses.error(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "too many failed token requests from this identity or address; retry later");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(wait.getAsLong()));
            exchange.respond(r);
            return;
        }
        authentication.authenticate(request)
                .whenComplete((result, error) -> {
                    if (error != null) {
                        ClientErrors.asyncFailure(exchange, error);
                    } else if (!result.authenticated()) {
                        limiter.recordFailure(keys);
                        metrics.tokenRefused(refusedLabel(claimed), result.error());
                        ClientErrors.authenticationFailed(exchange, result);
                    } else {
                        issue(exchange, result, form);
                    }
                });
    }

    /**
     * The identity label of a refusal before authentication: the claimed name when the active
     * policy names it (a bounded set, so operators see which identity fails), else
     * {@link ServerMetrics#UNAUTHENTICATED}, so that made-up names cannot grow the label space.
     */
    private String refusedLabel(String claimed) {
        return policy.get().isIdentity(claimed) ? claimed : null;
    }

    private void issue(Exchange exchange, AuthResult client, Map<String, String> form) {
        String identity = client.identity();
        String grant = form.get("grant_type");
        if (grant == null || grant.isEmpty()) {
            refuse(exchange, identity, HttpResponseStatus.BAD_REQUEST, "invalid_request", "grant_type is required");
            return;
        }
        if (!GRANT.equals(grant)) {
            refuse(exchange, identity, HttpResponseStatus.BAD_REQUEST, "unsupported_grant_type",
                    "only grant_type=client_credentials is supported");
            return;
        }
        String clientId = form.get("client_id");
        if (clientId != null && !clientId.equals(identity)) {
            refuse(exchange, identity, HttpResponseStatus.BAD_REQUEST, "invalid_request",
                    "client_id does not match the authenticated client");
            return;
        }
        String audience = form.get("audience");
        if (audience == null || audience.isEmpty()) {
            refuse(exchange, identity, HttpResponseStatus.BAD_REQUEST, "invalid_request",
                    "audience is required: the name of the service to call");
            return;
        }
        CompiledPolicy current = policy.get();
        if (!current.isService(audience)) {
            refuse(exchange, identity, HttpResponseStatus.BAD_REQUEST, "invalid_target",
                    "audience is not a service in the current policy");
            return;
        }
        List<String> roles = current.rolesGrantingOn(identity, audience);
        TokenIssuer.IssuedToken token = issuer.issue(identity, audience, roles);
        ObjectNode body = Json.object();
        body.put("access_token", token.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn());
        FullHttpResponse response = Responses.json(HttpResponseStatus.OK, body);
        // RFC 6749 section 5.1: token responses must not be cached.
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        response.headers().set(HttpHeaderNames.PRAGMA, HttpHeaderValues.NO_CACHE);
        metrics.tokenIssued(identity, audience);
        exchange.respond(response);
    }

    private static String sourceAddress(Exchange exchange) {
        SocketAddress a = exchange.context().channel().remoteAddress();
        return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress()
                : String.valueOf(a);
    }

    private void refuse(Exchange exchange, String identity, HttpResponseStatus status, String error, String description) {
        metrics.tokenRefused(identity, error);
        exchange.error(status, error, description);
    }
}
