package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.AuditRecords;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's check of its own outgoing calls ({@code ROLEGATE_EGRESS=off|monitor|enforce}) for one
 * client library: a call to a listed service that the receiver's policy would refuse is sent as is
 * ({@code off}), sent and audited as {@code would-deny} ({@code monitor}, the default), or failed
 * locally with nothing sent ({@code enforce}; the library reports an {@code IOException}, which the
 * test app prints as an {@code ERROR} line). Calls the policy allows go out with their token in
 * every mode.
 *
 * <p>One policy server, one {@link RecordingServer} as {@code inventory} ({@code caller} may only
 * {@code GET /items/**}) and one client app JVM per mode. Plugs in like {@link ClientLibrarySuite}:
 * subclass and name the {@link StackApp}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class EgressSuite {
    private static final String TOKEN_HEADER = "Rolegate-Token";
    private static final Pattern READY = Pattern.compile("^READY\\b");

    /** The three values of {@code ROLEGATE_EGRESS}. */
    protected enum Egress {
        OFF, MONITOR, ENFORCE;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private PolicyServerProcess server;
    private RecordingServer inventory;
    private final Map<Egress, JavaProcess> processes = new EnumMap<>(Egress.class);
    private final Map<Egress, ClientApp> clients = new EnumMap<>(Egress.class);
    private final Map<Egress, Path> audits = new EnumMap<>(Egress.class);

    /** The library's test application (with its variant). */
    protected abstract StackApp app();

    /** How long the apps may take to print READY. */
    protected Duration startupTimeout() {
        return Duration.ofSeconds(120);
    }

    @BeforeAll
    void startServersAndClients(@TempDir Path dir) {
        StackApp stack = app();
        assumeTrue(stack.jdkAvailable(), "no JDK at " + stack.javaHome() + ": " + stack.displayName() + " is skipped");
        inventory = RecordingServer.start();
        TestPolicy policy = TestPolicy.empty()
                .service("inventory", List.of("127.0.0.1:" + inventory.port()), List.of())
                .identity("caller", "client")
                .role("item-reader", "inventory", List.of("GET"), List.of("/items/**"))
                .bind("item-reader", "caller");
        server = PolicyServerProcess.start(dir.resolve("server"), policy.yaml(), "caller");
        // Started together, awaited together: the JVMs boot in parallel.
        for (Egress egress : Egress.values()) {
            Path audit = dir.resolve("audit-" + egress.value() + ".jsonl");
            audits.put(egress, audit);
            processes.put(egress, stack.withAgent(stack.displayName() + "-egress-" + egress.value())
                    .env(server.agentFor("caller").audit(audit).env())
                    .env("ROLEGATE_EGRESS", egress.value())
                    .start());
        }
        processes.forEach((egress, process) -> {
            process.awaitStdout(READY, startupTimeout());
            ClientApp client = new ClientApp(process);
            client.awaitTokensFlowTo(inventory, TOKEN_HEADER, startupTimeout());
            clients.put(egress, client);
        });
    }

    @AfterAll
    void stopEverything() {
        processes.values().forEach(JavaProcess::close);
        if (server != null) {
            server.close();
        }
        if (inventory != null) {
            inventory.close();
        }
    }

    @Test
    void enforceFailsARefusedCallLocallyAndSendsNothing() {
        String refused = ClientLibrarySuite.marker();
        String allowed = ClientLibrarySuite.marker();

        ClientApp.Outcome outcome = clients.get(Egress.ENFORCE).call("POST", itemUrl(refused), false);
        // The app calls one at a time: once a later call has arrived, the refused one would have too.
        clients.get(Egress.ENFORCE).call("GET", itemUrl(allowed), false);
        ClientLibrarySuite.arrived(inventory, allowed);

        assertThat(outcome.failed()).as("outcome of the refused call: %s", outcome).isTrue();
        // Whatever the library wraps it in, the message names what was refused and why.
        assertThat(outcome.error()).contains("refused POST /items/" + refused + " on inventory")
                .contains("no role of caller allows POST");
        assertThat(inventory.receivedFor(refused)).as("requests that reached inventory").isEmpty();
    }

    @Test
    void enforceSendsAnAllowedCallWithItsToken() {
        assertAllowedCallCarriesToken(Egress.ENFORCE);
    }

    @Test
    void monitorSendsARefusedCallAndAuditsItAsWouldDeny() {
        String refused = ClientLibrarySuite.marker();

        ClientApp.Outcome outcome = clients.get(Egress.MONITOR).call("POST", itemUrl(refused), false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        RecordingServer.Received received = ClientLibrarySuite.arrived(inventory, refused);
        assertThat(received.header(TOKEN_HEADER)).as("token header; headers: %s", received.headers()).isNotNull();
        JsonNode record = await("a would-deny record for " + refused).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> AuditRecords.read(audits.get(Egress.MONITOR)).stream()
                        .filter(r -> r.path("path").asText().contains(refused)).findFirst().orElse(null),
                        r -> r != null);
        assertThat(record.path("decision").asText()).isEqualTo("would-deny");
        assertThat(record.path("direction").asText()).isEqualTo("outbound");
        assertThat(record.path("service").asText()).isEqualTo("inventory");
        assertThat(record.path("caller").asText()).isEqualTo("caller");
        assertThat(record.path("method").asText()).isEqualTo("POST");
    }

    @Test
    void monitorSendsAnAllowedCallWithItsToken() {
        assertAllowedCallCarriesToken(Egress.MONITOR);
    }

    @Test
    void offSendsARefusedCallWithItsToken() {
        String refused = ClientLibrarySuite.marker();

        ClientApp.Outcome outcome = clients.get(Egress.OFF).call("POST", itemUrl(refused), false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        RecordingServer.Received received = ClientLibrarySuite.arrived(inventory, refused);
        assertThat(received.header(TOKEN_HEADER)).as("token header; headers: %s", received.headers()).isNotNull();
    }

    /**
     * Runs last: neither the refusals (whose {@code IOException} message the apps print) nor the
     * audit records on stdout nor any agent log line contains a token that was attached.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noTokenEverAppearsInAnyAppsOutput() {
        processes.values().forEach(process ->
                TokenLeaks.assertNoneInOutputOf(process, TokenLeaks.tokensReceivedBy(TOKEN_HEADER, inventory)));
    }

    private void assertAllowedCallCarriesToken(Egress egress) {
        String allowed = ClientLibrarySuite.marker();

        ClientApp.Outcome outcome = clients.get(egress).call("GET", itemUrl(allowed), false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        RecordingServer.Received received = ClientLibrarySuite.arrived(inventory, allowed);
        String token = received.header(TOKEN_HEADER);
        assertThat(token).as("token header; headers: %s", received.headers()).isNotNull();
        assertThat(TokenSource.claims(token).path("aud").asText()).isEqualTo("inventory");
    }

    private String itemUrl(String marker) {
        return "http://127.0.0.1:" + inventory.port() + "/items/" + marker;
    }
}
