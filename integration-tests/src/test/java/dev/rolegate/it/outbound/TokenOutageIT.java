package dev.rolegate.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolegate.it.Closeables;
import dev.rolegate.it.TestPolicy;
import dev.rolegate.it.stacks.ClientApp;
import dev.rolegate.it.stacks.RecordingServer;
import dev.rolegate.it.stacks.TokenLeaks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outgoing calls while the policy server is down: a still-valid token keeps being attached; once it
 * has expired, calls go out without a token (the receiver will refuse them, the caller's own
 * application keeps working) and the agent says so in one clear error line per audience and per
 * minute, never one per call.
 */
class TokenOutageIT {
    private static final String NO_TOKEN_ERROR = "ERROR no valid token for audience ";

    private TtlPolicyServer server;
    private RecordingServer inventory;
    private RecordingServer orders;
    private CallerJvm caller;

    @AfterEach
    void stopEverything() {
        Closeables.closeAll(caller, server, inventory, orders);
    }

    @Test
    void aStillValidTokenKeepsBeingAttachedWhileThePolicyServerIsDown(@TempDir Path dir) {
        start(dir, 300);
        String before = tokenOf(call(inventory));

        server.kill();

        for (int i = 0; i < 5; i++) {
            assertThat(tokenOf(call(inventory))).as("token of call %s after the outage began", i).isEqualTo(before);
        }
        assertThat(caller.process().stderr().count(NO_TOKEN_ERROR)).as("no-token errors\n%s", caller.process().describe())
                .isZero();
        TokenLeaks.assertNoneInOutputOf(caller.process(), TokenLeaks.tokensReceivedBy(CallerJvm.TOKEN_HEADER, inventory));
    }

    @Test
    void withTheTokenExpiredAndTheServerDownCallsGoWithoutTokenAndOneErrorPerAudienceAndMinuteIsLogged(@TempDir Path dir) {
        start(dir, 5);
        tokenOf(call(inventory));
        tokenOf(call(orders));
        server.kill();
        // Whatever a renewal fetched just before the kill lives at most 5 s from then.
        long lastExpiry = Instant.now().getEpochSecond() + 5;
        await("every token issued before the outage to expire").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Instant.now().getEpochSecond() > lastExpiry + 2);
        Instant outageCallsBegan = Instant.now();

        for (int i = 0; i < 20; i++) {
            assertThat(call(inventory).header(CallerJvm.TOKEN_HEADER)).as("token of inventory call %s", i).isNull();
            assertThat(call(orders).header(CallerJvm.TOKEN_HEADER)).as("token of orders call %s", i).isNull();
        }

        assertThat(errorLines("inventory")).as("no-token errors for inventory after 20 calls\n%s", stderr()).isEqualTo(1);
        assertThat(errorLines("orders")).as("no-token errors for orders after 20 calls\n%s", stderr()).isEqualTo(1);
        // The error is repeated once a minute while the outage lasts, not forgotten.
        await("the inventory error to be logged a second time").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> {
                    call(inventory);
                    return errorLines("inventory") == 2;
                });
        // Logged at most once a minute: the repetition cannot come sooner than a minute after the first call.
        assertThat(Duration.between(outageCallsBegan, Instant.now()))
                .as("time from the first call without token until the error was repeated")
                .isGreaterThan(Duration.ofSeconds(58));
        TokenLeaks.assertNoneInOutputOf(caller.process(), TokenLeaks.tokensReceivedBy(CallerJvm.TOKEN_HEADER, inventory, orders));
    }

    private void start(Path dir, int ttlSeconds) {
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
        server = TtlPolicyServer.start(dir.resolve("server"), policy, ttlSeconds, "caller");
        caller = CallerJvm.start("client-jdk-outage", server.agentFor("caller").env());
        caller.client().awaitTokensFlowTo(inventory, CallerJvm.TOKEN_HEADER, Duration.ofSeconds(120));
    }

    /** One GET to {@code at} through the app; answers what arrived there. */
    private RecordingServer.Received call(RecordingServer at) {
        String marker = "outage-" + UUID.randomUUID();
        ClientApp.Outcome outcome = caller.client().call("GET", "http://127.0.0.1:" + at.port() + "/items/" + marker, false);
        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        return at.first(marker).orElseThrow(() -> new AssertionError("the call with " + marker + " did not arrive"));
    }

    private static String tokenOf(RecordingServer.Received received) {
        String token = received.header(CallerJvm.TOKEN_HEADER);
        assertThat(token).as("token header of %s; headers: %s", received.path(), received.headers()).isNotNull();
        return token;
    }

    private long errorLines(String audience) {
        return caller.process().stderr().count(NO_TOKEN_ERROR + audience + " ");
    }

    private String stderr() {
        return String.join("\n", caller.process().stderr().snapshot());
    }
}
