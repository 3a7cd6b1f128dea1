package dev.rolegate.agent.runtime.token;

import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.Threads;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.Snapshots;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TokenClientTest {
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private FixtureServer server;
    private ThreadPoolExecutor workers;
    private TokenClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new FixtureServer(TestKeys.generate(), "orders", "s3cret");
        server.rolesFor((sub, aud) -> List.of("inventory-reader"));
        workers = Threads.workers("test-worker", 2);
        client = newClient(Duration.ofSeconds(10));
    }

    private TokenClient newClient(Duration firstWait) {
        return new TokenClient("orders", new PolicyServerClient(List.of(server.uri()), "orders", "s3cret"), workers,
                now::get, firstWait);
    }

    @AfterEach
    void tearDown() {
        server.close();
        workers.shutdownNow();
    }

    @Test
    void fiftyConcurrentFirstCallsShareOneTokenRequest() throws Exception {
        CountDownLatch gate = server.holdTokenRequests();
        Set<String> got = ConcurrentHashMap.newKeySet();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Thread t = new Thread(() -> got.add(String.valueOf(client.tokenFor("inventory"))));
            callers.add(t);
            t.start();
        }
        await().until(() -> server.tokenRequests.get() == 1
                && callers.stream().allMatch(t -> t.getState() != Thread.State.RUNNABLE));
        gate.countDown();
        for (Thread t : callers) {
            t.join(10_000);
        }
        assertThat(server.tokenRequests.get()).isEqualTo(1);
        assertThat(got).hasSize(1).doesNotContain("null");
    }

    @Test
    void aCallerWaitsForAFirstTokenOnlyBriefly() {
        server.holdTokenRequests();
        TokenClient impatient = newClient(Duration.ofMillis(200));
        // The server holds the request until the end of the test: an answer at all means the caller gave up waiting.
        assertThat(impatient.tokenFor("inventory")).isNull();
        assertThat(server.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void servesTheCachedTokenWithoutAskingAgain() {
        String first = client.tokenFor("inventory");
        assertThat(client.tokenFor("inventory")).isEqualTo(first);
        assertThat(server.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void keepsOneTokenPerAudience() {
        assertThat(client.tokenFor("inventory")).isNotEqualTo(client.tokenFor("orders"));
        assertThat(server.tokenRequests.get()).isEqualTo(2);
    }

    @Test
    void renewsInTheBackgroundAfterEightyPercentOfTheLifetime() {
        server.tokenTtlSeconds(100);
        String first = client.tokenFor("inventory");
        now.addAndGet(81_000);
        assertThat(client.tokenFor("inventory")).isEqualTo(first);
        await().until(() -> server.tokenRequests.get() == 2);
        await().until(() -> !first.equals(client.tokenFor("inventory")));
    }

    @Test
    void keepsUsingAStillValidTokenWhileTheServerIsDown() {
        server.tokenTtlSeconds(100);
        String first = client.tokenFor("inventory");
        server.close();
        now.addAndGet(90_000);
        assertThat(client.tokenFor("inventory")).isEqualTo(first);
        assertThat(client.tokenFor("inventory")).isEqualTo(first);
    }

    @Test
    void neverHandsOutAnExpiredToken() {
        server.tokenTtlSeconds(100);
        assertThat(client.tokenFor("inventory")).isNotNull();
        server.close();
        now.addAndGet(101_000);
        assertThat(client.tokenFor("inventory")).isNull();
    }

    @Test
    void logsOneErrorPerAudienceNotOnePerCallWhileNoValidTokenCanBeHad() {
        // Audience names of this test only: the log's rate limit is per audience and JVM-wide.
        String first = "outage-a-" + UUID.randomUUID();
        String second = "outage-b-" + UUID.randomUUID();
        server.tokenTtlSeconds(100);
        List<String> tokens = List.of(client.tokenFor(first), client.tokenFor(second));
        server.close();
        now.addAndGet(101_000);
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream previous = Log.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(client.tokenFor(first)).isNull();
                assertThat(client.tokenFor(second)).isNull();
                now.addAndGet(1_000);
            }
        } finally {
            Log.redirect(previous);
        }

        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("ERROR no valid token for audience " + first + " ")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("ERROR no valid token for audience " + second + " ")).hasSize(1);
        assertThat(tokens).doesNotContainNull().allSatisfy(token ->
                assertThat(lines).as("log lines containing a token").noneMatch(line -> line.contains(token)));
    }

    @Test
    void renewsAtOnceWhenANewRevisionChangesTheRolesOnAnAudience() {
        client.tokenFor("inventory");
        client.onNewRevision(Snapshots.of(1, TestPolicies.INVENTORY), Snapshots.of(2, TestPolicies.INVENTORY_ORDERS_REVOKED));
        await().until(() -> server.tokenRequests.get() == 2);
    }

    @Test
    void doesNotRenewWhenANewRevisionLeavesTheRolesAlone() {
        client.tokenFor("inventory");
        client.onNewRevision(Snapshots.of(1, TestPolicies.INVENTORY), Snapshots.of(2, TestPolicies.INVENTORY));
        await().during(Duration.ofMillis(300)).until(() -> server.tokenRequests.get() == 1);
    }
}
