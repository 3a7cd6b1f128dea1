package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.keys.KeyRotation;
import dev.rolegate.server.keys.SigningKeys;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/keys/rotate} (admin): a new signing key now. Answers {@code {"kid": <new kid>,
 * "tokensFrom": <instant>}}: bundles are signed with it at once, tokens from {@code tokensFrom}.
 */
public final class KeysRotateHandler implements Handler {
    private final AdminGuard admin;
    private final KeyRotation rotation;
    private final Executor blocking;

    public KeysRotateHandler(AdminGuard admin, KeyRotation rotation, Executor blocking) {
        this.admin = admin;
        this.rotation = rotation;
        this.blocking = blocking;
    }

    @Override
    public void handle(Exchange exchange) {
        Optional<String> author = admin.authorize(exchange);
        if (author.isEmpty()) {
            return;
        }
        Blocking.run(blocking, exchange, () -> {
            String kid = rotation.rotate(author.get());
            ObjectNode body = Json.object();
            body.put("kid", kid);
            body.put("tokensFrom", java.time.Instant.now().plus(SigningKeys.ACTIVATION_DELAY).toString());
            exchange.respond(Responses.json(HttpResponseStatus.OK, body));
        });
    }
}
