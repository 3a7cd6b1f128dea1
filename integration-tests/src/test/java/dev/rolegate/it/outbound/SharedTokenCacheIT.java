package dev.rolegate.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolegate.it.Closeables;
import dev.rolegate.it.TestPolicy;
import dev.rolegate.it.stacks.RecordingServer;
import dev.rolegate.it.stacks.TokenLeaks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One token cache per audience, shared by every HTTP client of the JVM (CONTRACT section 4, "shares
 * one renewal among concurrent requests"): fifty first calls to one service, made at the same moment
 * through two client libraries, cost the real policy server exactly one token request.
 */
class SharedTokenCacheIT {
    private static final int CALLS = 50;

    private TtlPolicyServer server;
    private RecordingServer inventory;
    private RecordingServer orders;
    private CallerJvm caller;

    @AfterEach
    void stopEverything() {
        Closeables.closeAll(caller, server, inventory, orders);
    }

    @Test
    void fiftyConcurrentFirstCallsThroughTwoClientsCauseExactlyOneTokenRequest(@TempDir Path dir) {
        inventory = RecordingServer.start();
        orders = RecordingServer.start();
        String policy = TestPolicy.empty()
                .service("inventory", List.of("127.0.0.1:" + inventory.port()), List.of())
                .service("orders", List.of("127.0.0.1:" + orders.port()), List.of())
                .identity("caller", "client")
                .role("reader", "inventory", List.of("GET"), List.of("/**"))
                .role("reader", "orders", List.of("GET"), List.of("/**"))
                .bind("reader", "caller")
                .yaml();
        server = TtlPolicyServer.start(dir.resolve("server"), policy, 300, "caller");
        caller = CallerJvm.start("client-jdk-burst", server.agentFor("caller").env());
        // Tokens flowing to orders prove that the agent has its policy; inventory is still untouched.
        caller.client().awaitTokensFlowTo(orders, CallerJvm.TOKEN_HEADER, Duration.ofSeconds(120));
        assertThat(server.tokensIssued("caller", "inventory")).as("inventory tokens before the burst").isZero();
        assertThat(server.tokensIssued("caller", "orders")).as("orders tokens after the warm-up").isEqualTo(1);
        String marker = "burst-" + UUID.randomUUID() + "-";

        int answered = caller.burst(CALLS, "http://127.0.0.1:" + inventory.port() + "/items/" + marker);

        assertThat(answered).as("calls answered 200\n%s", caller.process().describe()).isEqualTo(CALLS);
        List<RecordingServer.Received> arrived = await("all " + CALLS + " calls at inventory")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> inventory.receivedFor(marker), received -> received.size() == CALLS);
        assertThat(arrived).as("calls that arrived without a token")
                .allSatisfy(received -> assertThat(received.header(CallerJvm.TOKEN_HEADER)).isNotNull());
        Set<String> tokens = arrived.stream().map(r -> r.header(CallerJvm.TOKEN_HEADER)).collect(Collectors.toSet());
        assertThat(tokens).as("distinct tokens among the %s calls", CALLS).hasSize(1);
        assertThat(server.tokensIssued("caller", "inventory")).as("inventory tokens issued by the server").isEqualTo(1);
        TokenLeaks.assertNoneInOutputOf(caller.process(), TokenLeaks.tokensReceivedBy(CallerJvm.TOKEN_HEADER, inventory, orders));
    }
}
