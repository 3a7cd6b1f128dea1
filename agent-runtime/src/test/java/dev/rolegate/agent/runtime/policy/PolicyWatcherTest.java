package dev.rolegate.agent.runtime.policy;

import com.nimbusds.jose.util.Base64URL;
import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.agent.runtime.server.PolicyServerClient;
import dev.rolegate.agent.runtime.verify.KeySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolicyWatcherTest {
    @TempDir
    Path tmp;
    private final TestKeys keys = TestKeys.generate();
    private FixtureServer server;
    private final List<PolicyWatcher> watchers = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private PrintStream previousLog;

    @BeforeEach
    void setUp() throws Exception {
        server = new FixtureServer(keys, "orders", "s3cret");
        previousLog = Log.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        watchers.forEach(PolicyWatcher::stop);
        server.close();
        Log.redirect(previousLog);
    }

    private PolicyWatcher watcher(List<URI> servers, Path cacheDir) {
        PolicyServerClient client = new PolicyServerClient(servers, "orders", "s3cret");
        KeySource ks = new KeySource(() -> {
            var r = client.send("/.well-known/jwks.json", false, Duration.ofSeconds(5), b -> b.GET());
            return r.body();
        }, Runnable::run);
        PolicyWatcher w = new PolicyWatcher(client, ks, cacheDir == null ? null : new PolicyCache(cacheDir));
        watchers.add(w);
        return w;
    }

    private PolicyWatcher started(Path cacheDir) {
        PolicyWatcher w = watcher(List.of(server.uri()), cacheDir);
        w.start();
        return w;
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    private static String tamper(String jws) {
        String[] parts = jws.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"nightly-report\"]}]", "\"nightly-report\",\"orders\"]}]");
        return parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    @Test
    void loadsAVerifiedBundleFromTheServerOnItsOwnThread() {
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = started(null);
        await().until(() -> w.current() != null);
        assertThat(w.current().rev()).isEqualTo(1);
        assertThat(w.current().issuer()).isEqualTo(FixtureServer.ISSUER);
        assertThat(w.current().policy().isService("inventory")).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals(PolicyWatcher.THREAD_NAME) && t.isDaemon());
    }

    @Test
    void picksUpANewRevisionThroughTheLongPoll() {
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = started(null);
        await().until(() -> w.current() != null);
        server.publish(TestPolicies.INVENTORY_ORDERS_REVOKED);
        await().atMost(Duration.ofSeconds(5)).until(() -> w.current().rev() == 2);
        assertThat(w.current().policy().rolesBoundTo("orders")).isEmpty();
    }

    @Test
    void notifiesListenersOfEachNewRevision() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = watcher(List.of(server.uri()), null);
        w.addListener((prev, next) -> seen.add(next.rev()));
        w.start();
        await().until(() -> seen.size() == 1);
        server.publish(TestPolicies.INVENTORY_ORDERS_REVOKED);
        await().until(() -> seen.equals(List.of(1L, 2L)));
    }

    @Test
    void rejectsATamperedBundleAndKeepsTheLastGoodOne() {
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = started(null);
        await().until(() -> w.current() != null);
        server.serveBundle(tamper(FixtureServer.signBundle(keys, 5, TestPolicies.INVENTORY_ORDERS_REVOKED)));
        await().until(() -> log().contains("rejected a policy bundle"));
        assertThat(w.current().rev()).isEqualTo(1);
    }

    @Test
    void rejectsABundleSignedByAnotherKey() {
        TestKeys other = TestKeys.generate();
        server.serveBundle(FixtureServer.signBundle(other, 1, TestPolicies.INVENTORY));
        PolicyWatcher w = started(null);
        await().until(() -> log().contains("rejected a policy bundle"));
        assertThat(w.current()).isNull();
    }

    @Test
    void rejectsABundleWithoutThePolicyType() {
        server.serveBundle(keys.sign("JWT", java.util.Map.of("iss", FixtureServer.ISSUER, "rev", 1, "policy", java.util.Map.of())));
        PolicyWatcher w = started(null);
        await().until(() -> log().contains("typ JWT is not accepted"));
        assertThat(w.current()).isNull();
    }

    @Test
    void writesTheCacheOwnerOnlyAndEnforcesFromItWhenTheServerIsDown() throws Exception {
        Path cache = tmp.resolve("cache");
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher first = started(cache);
        await().until(() -> Files.exists(cache.resolve(PolicyCache.POLICY_FILE)) && first.current() != null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve(PolicyCache.POLICY_FILE))))
                .isEqualTo("rw-------");
        first.stop();
        server.close();

        PolicyWatcher second = watcher(List.of(server.uri()), cache);
        assertThat(second.loadCache()).isTrue();
        assertThat(second.current().rev()).isEqualTo(1);
        assertThat(second.current().source()).isEqualTo("cache");
    }

    @Test
    void rejectsATamperedCache() throws Exception {
        Path cache = tmp.resolve("cache");
        new PolicyCache(cache).write(new PolicyCache.Entry(tamper(FixtureServer.signBundle(keys, 3, TestPolicies.INVENTORY_ORDERS_REVOKED)),
                keys.jwksJson()));
        PolicyWatcher w = watcher(List.of(server.uri()), cache);
        assertThat(w.loadCache()).isFalse();
        assertThat(w.current()).isNull();
        assertThat(log()).contains("rejected the cached policy");
    }

    @Test
    void rejectsACacheWhoseKeysWereSwapped() throws Exception {
        Path cache = tmp.resolve("cache");
        TestKeys attacker = TestKeys.generate();
        new PolicyCache(cache).write(new PolicyCache.Entry(FixtureServer.signBundle(attacker, 3, TestPolicies.INVENTORY),
                keys.jwksJson()));
        assertThat(watcher(List.of(server.uri()), cache).loadCache()).isFalse();
    }

    @Test
    void keepsGoingFromMemoryWhenTheCacheDirectoryIsNotWritable() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = started(blocker.resolve("cache"));
        await().until(() -> w.current() != null);
        await().until(() -> log().contains("cannot write the policy cache"));
        server.publish(TestPolicies.INVENTORY_ORDERS_REVOKED);
        await().until(() -> w.current().rev() == 2);
        assertThat(log().split("cannot write the policy cache", -1)).hasSize(2);
    }

    @Test
    void aCallMadeRightAfterStartWaitsForTheFirstPolicy() {
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = started(null);
        assertThat(w.awaitFirstAttempt(30_000)).isNotNull();
    }

    @Test
    void aCallMadeWhileTheServerIsUnreachableStopsWaitingAfterTheFirstAttempt() {
        PolicyWatcher w = watcher(List.of(URI.create("http://127.0.0.1:1")), null);
        w.start();
        // The first attempt fails fast (connection refused); from then on nobody waits.
        await().atMost(Duration.ofSeconds(20)).until(() -> w.awaitFirstAttempt(30_000) == null);
        long started = System.nanoTime();
        assertThat(w.awaitFirstAttempt(30_000)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failsOverToTheNextReplica() {
        server.publish(TestPolicies.INVENTORY);
        PolicyWatcher w = watcher(List.of(URI.create("http://127.0.0.1:1"), server.uri()), null);
        w.start();
        await().until(() -> w.current() != null);
    }

    @Test
    void reportsRefusedCredentialsOnce() {
        server.publish(TestPolicies.INVENTORY);
        PolicyServerClient wrong = new PolicyServerClient(List.of(server.uri()), "orders", "wrong");
        PolicyWatcher w = new PolicyWatcher(wrong, new KeySource(keys::jwksJson, Runnable::run), null);
        watchers.add(w);
        w.start();
        await().until(() -> server.policyRequests.get() >= 3);
        assertThat(log().split("refused the agent's credentials", -1)).hasSize(2);
        assertThat(w.current()).isNull();
    }
}
