package dev.rolegate.server.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;

/** {@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata, plus where the policy lives. */
public final class OAuthMetadataHandler implements Handler {
    private final ObjectNode metadata;

    public OAuthMetadataHandler(String issuer, List<String> authMethods) {
        metadata = Json.object();
        metadata.put("issuer", issuer);
        metadata.put("token_endpoint", issuer + "/v1/token");
        metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
        metadata.putArray("grant_types_supported").add("client_credentials");
        // RFC 8414 requires the member; a client-credentials-only server supports no response type.
        metadata.putArray("response_types_supported");
        var methods = metadata.putArray("token_endpoint_auth_methods_supported");
        authMethods.forEach(methods::add);
        metadata.put("rolegate_policy_endpoint", issuer + "/v1/policy");
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.respond(Responses.json(HttpResponseStatus.OK, metadata));
    }
}
