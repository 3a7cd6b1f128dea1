package dev.rolegate.server.handlers;

import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.keys.SigningKeys;
import dev.rolegate.server.metrics.ServerMetrics;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/** {@code GET /.well-known/jwks.json}: the public signing keys ({@code kty, crv, x, y, kid, use, alg}). */
public final class JwksHandler implements Handler {
    private final SigningKeys keys;
    private final ServerMetrics metrics;

    public JwksHandler(SigningKeys keys, ServerMetrics metrics) {
        this.keys = keys;
        this.metrics = metrics;
    }

    @Override
    public void handle(Exchange exchange) {
        metrics.jwksServed();
        // Public keys only: JWKSet.toString(true) drops every private member.
        byte[] body = keys.publicJwks().toString(true).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = Responses.body(HttpResponseStatus.OK, "application/jwk-set+json", body);
        // Short: a rotation publishes a new key that agents must be able to fetch at once.
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "max-age=5");
        exchange.respond(r);
    }
}
