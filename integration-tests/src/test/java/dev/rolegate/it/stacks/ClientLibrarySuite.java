package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.Closeables;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The outbound rules of CONTRACT section 4, end to end, for one client library: the library's test
 * app (docs/STACK-TESTS.md, "Client test app protocol") runs in a child JVM with the real agent as
 * identity {@code caller}; {@link RecordingServer}s in the test JVM (no agent) record what arrives.
 *
 * <h2>Plugging in a library</h2>
 * Build {@code test-apps/client-<library>} (main class {@code testapp.<library>.Main [variant]},
 * printing {@code READY}, then one {@code RESULT}/{@code ERROR} line per stdin request), then subclass:
 * <pre>{@code
 * class OkHttp5ClientIT extends ClientLibrarySuite {
 *     @Override
 *     protected StackApp app() {
 *         return StackApp.of("client-okhttp5", "testapp.okhttp.Main");
 *     }
 * }
 * }</pre>
 * Every case holds for every library. Where a library refuses a URL itself (the userinfo case), the
 * case accepts that refusal: what it proves is that no token leaves the JVM.
 *
 * <h2>Addresses</h2>
 * <ul>
 *   <li>{@code inventory}: {@code 127.0.0.1:<inventory port>} and {@code inventory:<inventory port>};
 *       the app resolves {@code inventory}, {@code inventory.attacker.example} and
 *       {@code attacker.example} to 127.0.0.1 through {@link HostsFile}, so the look-alike and
 *       userinfo cases by name reach the very socket listed as {@code inventory}; a library that
 *       resolves names with a DNS client of its own skips them, saying why;</li>
 *   <li>{@code orders}: {@code localhost:<orders port>} only, so {@code 127.0.0.1:<orders port>}
 *       reaches the same socket under an unlisted name;</li>
 *   <li>{@code secure}: {@code https://127.0.0.1:<secure port>} only (https-only), while the server
 *       there speaks plain http: calling it over http is a scheme downgrade;</li>
 *   <li>an unlisted server on a port named nowhere.</li>
 * </ul>
 * {@code caller} holds a role on every service ({@code *} on {@code /**}), so whatever the agent's
 * egress setting, no call here is refused for want of a role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ClientLibrarySuite {
    /** The token header (CONTRACT section 2 default). */
    protected static final String TOKEN_HEADER = "Rolegate-Token";
    private static final Pattern READY = Pattern.compile("^READY\\b");
    /** A host name listed for {@code inventory} (with its port), resolvable only through {@link HostsFile}. */
    private static final String LISTED_NAME = "inventory";
    /** A name that merely starts like the listed one. */
    private static final String LOOK_ALIKE_NAME = "inventory.attacker.example";
    private static final String ATTACKER_NAME = "attacker.example";

    private PolicyServerProcess server;
    private RecordingServer inventory;
    private RecordingServer orders;
    private RecordingServer secure;
    private RecordingServer unlisted;
    private JavaProcess process;
    private ClientApp client;
    /** Whether the app's JVM resolves {@link #LISTED_NAME} and the look-alike names (see {@link HostsFile}). */
    private boolean namesResolve;

    /** The library's test application (with its variant). */
    protected abstract StackApp app();

    /** Extra environment for the app (the agent settings are set by the suite). */
    protected Map<String, String> appEnvironment() {
        return Map.of();
    }

    /**
     * Whether the library resolves host names through the JDK ({@code InetAddress}), and so honours
     * the suite's {@link HostsFile}; a library with a DNS client of its own answers false, and the
     * cases that need names resolved are skipped for it.
     */
    protected boolean resolvesNamesThroughTheJdk() {
        return true;
    }

    /** How long the app may take to print READY. */
    protected Duration startupTimeout() {
        return Duration.ofSeconds(120);
    }

    @BeforeAll
    void startServersAndClient(@TempDir Path dir) {
        StackApp stack = app();
        assumeTrue(stack.jdkAvailable(), "no JDK at " + stack.javaHome() + ": " + stack.displayName() + " is skipped");
        inventory = RecordingServer.start();
        orders = RecordingServer.start();
        secure = RecordingServer.start();
        unlisted = RecordingServer.start();
        TestPolicy policy = TestPolicy.empty()
                .service("inventory", List.of("127.0.0.1:" + inventory.port(), LISTED_NAME + ":" + inventory.port()), List.of())
                .service("orders", List.of("localhost:" + orders.port()), List.of())
                .service("secure", List.of("https://127.0.0.1:" + secure.port()), List.of())
                .identity("caller", "client")
                .role("caller-everything", "inventory", List.of("*"), List.of("/**"))
                .role("caller-everything", "orders", List.of("*"), List.of("/**"))
                .role("caller-everything", "secure", List.of("*"), List.of("/**"))
                .bind("caller-everything", "caller");
        server = PolicyServerProcess.start(dir.resolve("server"), policy.yaml(), "caller");
        namesResolve = resolvesNamesThroughTheJdk() && HostsFile.supportedBy(stack.javaHome());
        Map<String, String> names = namesResolve
                ? Map.of("JAVA_TOOL_OPTIONS", HostsFile.write(dir.resolve("names"), List.of(LISTED_NAME, LOOK_ALIKE_NAME, ATTACKER_NAME)))
                : Map.of();
        process = stack.withAgent()
                .env(server.agentFor("caller").env())
                .env(names)
                .env(appEnvironment())
                .start();
        process.awaitStdout(READY, startupTimeout());
        client = new ClientApp(process);
        client.awaitTokensFlowTo(inventory, TOKEN_HEADER, startupTimeout());
    }

    @AfterAll
    void stopEverything() {
        Closeables.closeAll(process, server, inventory, orders, secure, unlisted);
    }

    @Test
    void listedDestinationGetsATokenForItsAudience() {
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://127.0.0.1:" + inventory.port() + "/items/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        JsonNode claims = claimsOfTokenAt(inventory, marker);
        assertThat(claims.path("aud").asText()).isEqualTo("inventory");
        assertThat(claims.path("sub").asText()).isEqualTo("caller");
    }

    @Test
    void listedHostNameOfAnotherServiceGetsThatServicesToken() {
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://localhost:" + orders.port() + "/orders/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertThat(claimsOfTokenAt(orders, marker).path("aud").asText()).isEqualTo("orders");
    }

    @Test
    void exactlyOneTokenHeaderIsSent() {
        String marker = marker();

        client.call("POST", "http://127.0.0.1:" + inventory.port() + "/items/" + marker, false);

        assertThat(arrived(inventory, marker).headerCount(TOKEN_HEADER)).isEqualTo(1);
    }

    @Test
    void unlistedPortGetsNoToken() {
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://127.0.0.1:" + unlisted.port() + "/items/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertNoToken(arrived(unlisted, marker));
    }

    /** Only {@code localhost:<orders port>} is listed: the same socket under another name is another destination. */
    @Test
    void otherHostNameForAListedPortGetsNoToken() {
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://127.0.0.1:" + orders.port() + "/orders/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertNoToken(arrived(orders, marker));
    }

    /**
     * {@code http://localhost:<orders port>@127.0.0.1:<unlisted port>/} names a listed address as
     * userinfo; the host is the unlisted one. Proves that the agent matches the parsed host, not a
     * prefix of the URL. A library may refuse such a URL outright, which is as safe.
     */
    @Test
    void userinfoThatLooksLikeAListedAddressGetsNoToken() {
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET",
                "http://localhost:" + orders.port() + "@127.0.0.1:" + unlisted.port() + "/items/" + marker, false);

        assertThat(orders.receivedFor(marker)).as("the listed address named as userinfo was contacted").isEmpty();
        if (!outcome.failed()) {
            assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
            assertNoToken(arrived(unlisted, marker));
        }
    }

    /** {@code secure} is listed as {@code https://127.0.0.1:<port>} only; a plain-http call there is a downgrade. */
    @Test
    void schemeDowngradeToHttpGetsNoToken() {
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://127.0.0.1:" + secure.port() + "/items/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertNoToken(arrived(secure, marker));
    }

    /** The control for the two cases below: the listed name itself, resolved by the client, gets a token. */
    @Test
    void listedHostNameResolvedByTheClientGetsAToken() {
        assumeNamesResolve();
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://" + LISTED_NAME + ":" + inventory.port() + "/items/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertThat(claimsOfTokenAt(inventory, marker).path("aud").asText()).isEqualTo("inventory");
    }

    /** {@code inventory.attacker.example} reaches the very socket listed as {@code inventory:<port>}: a name, not a socket, is listed. */
    @Test
    void lookAlikeHostNameGetsNoToken() {
        assumeNamesResolve();
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET", "http://" + LOOK_ALIKE_NAME + ":" + inventory.port() + "/items/" + marker, false);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertNoToken(arrived(inventory, marker));
    }

    /** {@code http://inventory@attacker.example:<port>/}: the listed name as userinfo; the host is another. */
    @Test
    void listedNameAsUserinfoOfAnotherHostGetsNoToken() {
        assumeNamesResolve();
        String marker = marker();

        ClientApp.Outcome outcome = client.call("GET",
                "http://" + LISTED_NAME + "@" + ATTACKER_NAME + ":" + inventory.port() + "/items/" + marker, false);

        if (outcome.failed()) {
            assertThat(inventory.receivedFor(marker)).as("requests of a call the library refused").isEmpty();
        } else {
            assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
            assertNoToken(arrived(inventory, marker));
        }
    }

    @Test
    void redirectToAnUnlistedAddressCarriesNoToken() {
        String marker = marker();
        String next = "http://127.0.0.1:" + unlisted.port() + "/next/" + marker;

        ClientApp.Outcome outcome = client.call("GET", redirectUrl(inventory, next, marker), true);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertThat(claimsOfTokenAt(inventory, marker).path("aud").asText()).as("first hop").isEqualTo("inventory");
        assertNoToken(arrived(unlisted, marker));
    }

    @Test
    void redirectToAnotherListedServiceCarriesThatServicesToken() {
        String marker = marker();
        String next = "http://localhost:" + orders.port() + "/next/" + marker;

        ClientApp.Outcome outcome = client.call("GET", redirectUrl(inventory, next, marker), true);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertThat(claimsOfTokenAt(inventory, marker).path("aud").asText()).as("first hop").isEqualTo("inventory");
        assertThat(claimsOfTokenAt(orders, marker).path("aud").asText()).as("second hop").isEqualTo("orders");
    }

    @Test
    void redirectFromAnUnlistedAddressToAListedOneCarriesTheListedServicesToken() {
        String marker = marker();
        String next = "http://127.0.0.1:" + inventory.port() + "/next/" + marker;

        ClientApp.Outcome outcome = client.call("GET", redirectUrl(unlisted, next, marker), true);

        assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        assertNoToken(arrived(unlisted, marker));
        assertThat(claimsOfTokenAt(inventory, marker).path("aud").asText()).as("second hop").isEqualTo("inventory");
    }

    /**
     * Runs last (after every other case has made the agent attach, strip and refuse tokens): no
     * token that reached a recording server appears anywhere in the app's stdout or stderr, where
     * the agent logs.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noTokenEverAppearsInTheAgentsOutput() {
        TokenLeaks.assertNoneInOutputOf(process,
                TokenLeaks.tokensReceivedBy(TOKEN_HEADER, inventory, orders, secure, unlisted));
    }

    private void assumeNamesResolve() {
        assumeTrue(namesResolve, "the test names resolve only through jdk.net.hosts.file, which "
                + app().displayName() + " does not use (its own DNS client, or a JDK before 9)");
    }

    /** The running client app, for library-specific checks. */
    protected final JavaProcess appProcess() {
        return process;
    }

    /** Makes the app call {@code url}. */
    protected final ClientApp.Outcome call(String method, String url, boolean follow) {
        return client.call(method, url, follow);
    }

    /** The recording server that plays {@code inventory} ({@code 127.0.0.1:<port>}). */
    protected final RecordingServer inventoryServer() {
        return inventory;
    }

    /** A fresh marker to put into a request's path or query, to find it among the recorded requests. */
    protected static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String redirectUrl(RecordingServer from, String next, String marker) {
        return "http://127.0.0.1:" + from.port() + "/redirect?marker=" + marker + "&to="
                + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    /** The request that carried {@code marker}, once it has arrived. */
    protected static RecordingServer.Received arrived(RecordingServer at, String marker) {
        return await("a request with " + marker + " at port " + at.port()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> at.first(marker).orElse(null), received -> received != null);
    }

    /** The claims of the token that the request with {@code marker} carried (failing when it had none). */
    protected static JsonNode claimsOfTokenAt(RecordingServer at, String marker) {
        RecordingServer.Received received = arrived(at, marker);
        String token = received.header(TOKEN_HEADER);
        assertThat(token).as("token header of %s %s; headers: %s", received.method(), received.path(), received.headers())
                .isNotNull();
        return TokenSource.claims(token);
    }

    private static void assertNoToken(RecordingServer.Received received) {
        assertThat(received.header(TOKEN_HEADER))
                .as("token header of %s %s; headers: %s", received.method(), received.path(), received.headers())
                .isNull();
        assertThat(received.header("Authorization")).as("Authorization of %s", received.path()).isNull();
    }
}
