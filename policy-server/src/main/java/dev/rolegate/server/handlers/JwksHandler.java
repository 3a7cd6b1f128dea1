package dev.rolegate.server.handlers;

import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.keys.SigningKeys;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/** {@code GET /.well-known/jwks.json}: the public signing keys ({@code kty, crv, x, y, kid, use, alg}). */
public final class JwksHandler implements Handler {
    private final byte[] body;

    public JwksHandler(SigningKeys keys) {
        // Public keys only: JWKSet.toString(true) drops every private member.
        this.body = keys.publicJwks().toString(true).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(Exchange exchange) {
        FullHttpResponse r = Responses.body(HttpResponseStatus.OK, "application/jwk-set+json", body.clone());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "max-age=300");
        exchange.respond(r);
    }
}
