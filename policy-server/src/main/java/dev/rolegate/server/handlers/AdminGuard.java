package dev.rolegate.server.handlers;

import dev.rolegate.server.auth.AdminAuthenticator;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;

/**
 * The admin check shared by every admin endpoint: 403 when no admin is configured, 401 with a
 * Bearer challenge when the secret is missing or wrong, else the admin's name (the author recorded
 * in the policy history).
 */
public final class AdminGuard {
    private final AdminAuthenticator admins;

    public AdminGuard(AdminAuthenticator admins) {
        this.admins = admins;
    }

    /** The admin's name, or empty after answering the exchange with the refusal. */
    public Optional<String> authorize(Exchange exchange) {
        if (!admins.enabled()) {
            exchange.error(HttpResponseStatus.FORBIDDEN, "admin_disabled",
                    "admin calls are refused: the server has no ROLEGATE_ADMIN_SECRET and no ROLEGATE_ADMINS_FILE");
            return Optional.empty();
        }
        Optional<String> name = admins.adminName(exchange.header(HttpHeaderNames.AUTHORIZATION));
        if (name.isEmpty()) {
            FullHttpResponse r = Responses.error(HttpResponseStatus.UNAUTHORIZED, "invalid_token",
                    "admin calls need Authorization: Bearer <admin secret>");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"rolegate\"");
            exchange.respond(r);
        }
        return name;
    }
}
