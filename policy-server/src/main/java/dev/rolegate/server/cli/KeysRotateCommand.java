package dev.rolegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;

/**
 * {@code keys rotate}: asks the running server ({@code POST /v1/keys/rotate}) for a new signing key.
 * It acts on a running server rather than on a data dir so that the server re-publishes the policy
 * and agents learn the new key before any token is signed with it.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotates the signing key of a running server (POST /v1/keys/rotate).")
final class KeysRotateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        HttpResponse<String> r = client.send("POST", "/v1/keys/rotate", null);
        if (r.statusCode() != 200) {
            spec.commandLine().getErr().println("error: the server answered HTTP " + r.statusCode() + ": " + r.body());
            return 1;
        }
        JsonNode body = new ObjectMapper().readTree(r.body());
        spec.commandLine().getOut().println("new signing key " + body.path("kid").asText()
                + " published; it signs tokens from " + body.path("tokensFrom").asText());
        return 0;
    }
}
