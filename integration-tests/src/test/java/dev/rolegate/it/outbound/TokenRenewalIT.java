package dev.rolegate.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.Closeables;
import dev.rolegate.it.TestPolicy;
import dev.rolegate.it.stacks.ClientApp;
import dev.rolegate.it.stacks.RecordingServer;
import dev.rolegate.it.stacks.TokenLeaks;
import dev.rolegate.it.stacks.TokenSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent renews a token before it expires (CONTRACT section 4): with 5-second tokens and a steady
 * stream of calls, every call carries a token that is still valid when the call is made, and each
 * new token was issued while the one before it was still valid, so no call ever waits for, or goes
 * without, a token.
 */
class TokenRenewalIT {
    private static final int TTL_SECONDS = 5;

    private TtlPolicyServer server;
    private RecordingServer inventory;
    private CallerJvm caller;

    @AfterEach
    void stopEverything() {
        Closeables.closeAll(caller, server, inventory);
    }

    @Test
    void everyCallCarriesAnUnexpiredTokenAndEachRenewalComesBeforeTheExpiry(@TempDir Path dir) {
        inventory = RecordingServer.start();
        String policy = TestPolicy.empty()
                .service("inventory", List.of("127.0.0.1:" + inventory.port()), List.of())
                .identity("caller", "client")
                .role("reader", "inventory", List.of("GET"), List.of("/**"))
                .bind("reader", "caller")
                .yaml();
        server = TtlPolicyServer.start(dir.resolve("server"), policy, TTL_SECONDS, "caller");
        caller = CallerJvm.start("client-jdk-renewal", server.agentFor("caller").env());
        caller.client().awaitTokensFlowTo(inventory, CallerJvm.TOKEN_HEADER, Duration.ofSeconds(120));
        Map<String, JsonNode> tokensInOrder = new LinkedHashMap<>();
        List<String> expiredWhenSent = new ArrayList<>();

        await("three successive tokens").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    long sentAtSecond = System.currentTimeMillis() / 1000;
                    String token = tokenOfCall();
                    JsonNode claims = TokenSource.claims(token);
                    // exp is in whole seconds: a token valid when sent has exp > the second it was sent in.
                    if (claims.path("exp").asLong() <= sentAtSecond - 1) {
                        expiredWhenSent.add(claims.path("jti").asText());
                    }
                    tokensInOrder.putIfAbsent(token, claims);
                    return tokensInOrder.size() >= 3;
                });

        assertThat(expiredWhenSent).as("tokens (by jti) already expired when a call carried them").isEmpty();
        List<JsonNode> claims = List.copyOf(tokensInOrder.values());
        for (int i = 1; i < claims.size(); i++) {
            assertThat(claims.get(i).path("iat").asLong())
                    .as("issue time of token %s against the expiry of the one before", i)
                    .isLessThan(claims.get(i - 1).path("exp").asLong());
        }
        TokenLeaks.assertNoneInOutputOf(caller.process(), TokenLeaks.tokensReceivedBy(CallerJvm.TOKEN_HEADER, inventory));
    }

    private String tokenOfCall() {
        String marker = "renewal-" + UUID.randomUUID();
        ClientApp.Outcome outcome = caller.client().call("GET", "http://127.0.0.1:" + inventory.port() + "/items/" + marker, false);
        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        RecordingServer.Received received = inventory.first(marker)
                .orElseThrow(() -> new AssertionError("the call with " + marker + " did not arrive"));
        String token = received.header(CallerJvm.TOKEN_HEADER);
        assertThat(token).as("token header of %s; headers: %s", received.path(), received.headers()).isNotNull();
        return token;
    }
}
