package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.AuditRecords;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inbound cases of CONTRACT section 5 and the records of section 6, end to end, for one server
 * stack: the real policy server, the stack's test app (docs/STACK-TESTS.md, "Server test app
 * protocol") in a child JVM with the real agent as identity {@code app}, and the test JVM playing
 * the callers with real tokens from {@code POST /v1/token}.
 *
 * <h2>Plugging in a stack</h2>
 * Build {@code test-apps/server-<stack>} (main class {@code testapp.<stack>.Main}, listening on
 * {@code 127.0.0.1:$PORT}, printing {@code READY}, {@code FILTER} and {@code HANDLED} lines), then
 * subclass:
 * <pre>{@code
 * class TomcatStackIT extends ServerStackSuite {
 *     @Override
 *     protected StackApp app() {
 *         return StackApp.of("server-tomcat", "testapp.tomcat.Main");
 *     }
 * }
 * }</pre>
 * {@link StackApp#onJdk25()} runs the same app on JDK 25 (the class is skipped where that JDK is
 * missing). A stack that cannot meet a case changes only what it must, with the reason in code:
 * {@link #ambiguousRequests()} (a container that answers 400 or 404 itself, before any hook),
 * {@link #agentRefusedAmbiguousTarget()}, {@link #servesAsync()} (the servlet apps' {@code /async/**}),
 * {@link #appEnvironment()}, {@link #startupTimeout()}. Every other case holds for every stack.
 *
 * <h2>Policy</h2>
 * Service {@code app} at {@code 127.0.0.1:<port>} and {@code localhost:<port>}, public
 * {@code GET /health} and {@code GET /health/*} (the markers of {@link ApplicationCodeWitness});
 * {@code reader} may {@code GET /items/**} and {@code GET /async/items/**} (GET only, so HEAD is
 * refused); {@code writer} may
 * {@code POST} and {@code DELETE /items/**}; {@code nobody} has no role; service {@code other}
 * gives the "token for another audience". One policy server and one app JVM per class; tokens are
 * fetched once. The fail-closed cases start the only other JVMs of a class ({@link FailClosedApps}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerStackSuite {
    /** The token header (CONTRACT section 2 default). */
    protected static final String TOKEN_HEADER = "Rolegate-Token";
    /** The caller header the agent sets (CONTRACT section 5). */
    protected static final String CALLER_HEADER = "Rolegate-Caller";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern READY = Pattern.compile("^READY\\b");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private PolicyServerProcess server;
    private JavaProcess app;
    private int port;
    private Path audit;
    private ApplicationCodeWitness witness;
    private String readerToken;
    private String writerToken;
    private String nobodyToken;
    private String readerTokenForOther;
    private Path dir;
    private FailClosedApps failClosedApps;

    /** The stack's test application. */
    protected abstract StackApp app();

    /**
     * The ambiguous request targets and the statuses this stack may answer them with. Override only
     * to accept another refusal status for a case, with {@link AmbiguousRequest#accept} and the
     * reason; the handler and filters must never run for any of them, whatever the status.
     */
    protected List<AmbiguousRequest> ambiguousRequests() {
        return AmbiguousRequest.defaults(port);
    }

    /** Extra environment for the app (the port and the agent settings are set by the suite). */
    protected Map<String, String> appEnvironment() {
        return Map.of();
    }

    /**
     * Whether the app serves {@code /async/**} from {@code startAsync()} (the servlet apps, docs/STACK-TESTS.md);
     * only then do the async cases run.
     */
    protected boolean servesAsync() {
        return false;
    }

    /** How long the app may take to print READY and load its first policy. */
    protected Duration startupTimeout() {
        return Duration.ofSeconds(120);
    }

    @BeforeAll
    void startServerAndApp(@TempDir Path dir) throws Exception {
        this.dir = dir;
        StackApp stack = app();
        assumeTrue(stack.jdkAvailable(), "no JDK at " + stack.javaHome() + ": " + stack.displayName() + " is skipped");
        port = FreePorts.next();
        TestPolicy policy = TestPolicy.empty()
                .service("app", port, "GET /health", "GET /health/*")
                .service("other", FreePorts.next())
                .identity("reader", "client")
                .identity("writer", "client")
                .identity("nobody", "client")
                .role("item-reader", "app", List.of("GET"), List.of("/items", "/items/**", "/async/items/**"))
                .role("item-writer", "app", List.of("POST", "DELETE"), List.of("/items/**"))
                .role("other-reader", "other", List.of("GET"), List.of("/**"))
                .bind("item-reader", "reader")
                .bind("item-writer", "writer")
                .bind("other-reader", "reader");
        server = PolicyServerProcess.start(dir.resolve("server"), policy.yaml(), "app", "reader", "writer", "nobody");
        audit = dir.resolve("app-audit.jsonl");
        app = stack.withAgent()
                .env(server.agentFor("app").audit(audit).env())
                .env(appEnvironment())
                .env("PORT", Integer.toString(port))
                .start();
        app.awaitStdout(READY, startupTimeout());
        awaitPolicyLoaded();
        witness = new ApplicationCodeWitness(app, baseUrl());
        readerToken = TokenSource.token(server, "reader", "app");
        writerToken = TokenSource.token(server, "writer", "app");
        nobodyToken = TokenSource.token(server, "nobody", "app");
        readerTokenForOther = TokenSource.token(server, "reader", "other");
    }

    /** Until the agent has a policy, every request is a 503 (CONTRACT section 5, row 1). */
    private void awaitPolicyLoaded() {
        await(app.name() + " to answer its public /health with 200").atMost(startupTimeout())
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast(app.name() + " exited", () -> {
                    if (!app.isAlive()) {
                        throw new AssertionError(app.describe());
                    }
                })
                .until(() -> PlainHttp.get(baseUrl() + "/health").statusCode() == 200);
    }

    @AfterAll
    void stopAppAndServer() {
        if (failClosedApps != null) {
            failClosedApps.close();
        }
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void allowedRequestReachesTheHandlerWithTheVerifiedCallerAndWithoutTheToken() throws Exception {
        HttpResponse<String> response = send("GET", "/items/1", TOKEN_HEADER, readerToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.body());
        assertThat(seen.path("method").asText()).isEqualTo("GET");
        assertThat(seen.path("path").asText()).isEqualTo("/items/1");
        assertThat(seen.path("caller").asText()).isEqualTo("reader");
        assertThat(seen.path("callerHeaderCount").asInt()).isEqualTo(1);
        assertThat(seen.path("tokenHeaderPresent").asBoolean()).as(response.body()).isFalse();
    }

    @Test
    void allowedPostReachesTheHandlerForTheRoleThatGrantsIt() throws Exception {
        HttpResponse<String> response = send("POST", "/items/2", TOKEN_HEADER, writerToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.body());
        assertThat(seen.path("method").asText()).isEqualTo("POST");
        assertThat(seen.path("caller").asText()).isEqualTo("writer");
    }

    @Test
    void requestWithoutTokenGets401WithBearerChallengeAndNoApplicationCodeRuns() throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("GET", "/items/3");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"rolegate\"");
        assertProblem(response, 401);
    }

    @Test
    void roleThatDoesNotAllowTheMethodGets403NamingCallerMethodPathAndService() throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("POST", "/items/4", TOKEN_HEADER, readerToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode problem = assertProblem(response, 403);
        assertThat(problem.path("detail").asText()).contains("reader", "POST", "/items/4", "app");
    }

    @Test
    void identityWithoutAnyRoleGets403() throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("GET", "/items/5", TOKEN_HEADER, nobodyToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(assertProblem(response, 403).path("detail").asText()).contains("nobody", "GET", "/items/5", "app");
    }

    @Test
    void publicPathWithoutTokenReachesTheHandlerWithoutCaller() throws Exception {
        HttpResponse<String> response = send("GET", "/health");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.body());
        assertThat(seen.path("path").asText()).isEqualTo("/health");
        assertThat(seen.path("caller").isNull()).as(response.body()).isTrue();
        assertThat(seen.path("callerHeaderCount").asInt()).isZero();
    }

    @Test
    void callerHeaderSentByTheClientIsReplacedOnAnAllowedRequest() throws Exception {
        HttpResponse<String> response = send("GET", "/items/6", TOKEN_HEADER, readerToken, CALLER_HEADER, "writer");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.body());
        assertThat(seen.path("caller").asText()).isEqualTo("reader");
        assertThat(seen.path("callerHeaderCount").asInt()).isEqualTo(1);
    }

    @Test
    void callerHeaderSentByTheClientIsRemovedOnAPublicPath() throws Exception {
        HttpResponse<String> response = send("GET", "/health", CALLER_HEADER, "writer");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.body());
        assertThat(seen.path("caller").isNull()).as(response.body()).isTrue();
        assertThat(seen.path("callerHeaderCount").asInt()).isZero();
    }

    @Test
    void twoTokenHeadersGet401InvalidToken() throws Exception {
        RawHttp.Response[] response = new RawHttp.Response[1];
        witness.assertNoApplicationCodeRanFor("two token headers", () -> response[0] = RawHttp.exchange(port,
                RawHttp.get(port, "/items/7", TOKEN_HEADER + ": " + readerToken, TOKEN_HEADER + ": " + readerToken)));

        assertThat(response[0].status()).as(response[0].body()).isEqualTo(401);
        assertThat(response[0].headers("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"rolegate\", error=\"invalid_token\"");
        assertThat(response[0].header("Content-Type")).startsWith(PROBLEM_JSON);
    }

    @Test
    void garbageTokenGets401InvalidToken() throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("GET", "/items/8", TOKEN_HEADER, "not-a-token");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"rolegate\", error=\"invalid_token\"");
        assertProblem(response, 401);
    }

    @Test
    void tokenForAnotherAudienceGets401InvalidToken() throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("GET", "/items/9", TOKEN_HEADER, readerTokenForOther);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"rolegate\", error=\"invalid_token\"");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"X-HTTP-Method-Override, DELETE", "X-HTTP-Method, DELETE", "X-Method-Override, DELETE",
            "X-HTTP-Method-Override, delete", "X-HTTP-Method, Delete"})
    void methodOverrideToAMethodTheRoleDoesNotAllowGets403(String header, String overridingMethod) throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("GET", "/items/10",
                TOKEN_HEADER, readerToken, header, overridingMethod);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(assertProblem(response, 403).path("detail").asText()).containsIgnoringCase("DELETE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"})
    void methodOverrideToAnAllowedMethodDoesNotAllowTheMethodActuallySent(String header) throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("DELETE", "/items/10a",
                TOKEN_HEADER, readerToken, header, "GET");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(assertProblem(response, 403).path("detail").asText()).contains("reader", "DELETE", "/items/10a");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FOO", "get", "Get", "PROPFIND"})
    void methodTheRoleDoesNotNameIsRefusedBeforeAnyApplicationCode(String method) throws Exception {
        RawHttp.Response[] response = new RawHttp.Response[1];
        witness.assertNoApplicationCodeRanFor(method + " /items/10b", () -> response[0] = RawHttp.exchange(port,
                RawHttp.request(port, method, "/items/10b", TOKEN_HEADER + ": " + readerToken)));

        // Methods are upper-case tokens compared exactly (CONTRACT section 3): get is not GET.
        assertThat(response[0].status()).as("%s: %s", method, response[0].body()).isEqualTo(403);
        assertThat(assertRawProblem(response[0], 403).path("detail").asText()).contains("reader", method, "/items/10b");
    }

    @Test
    void headIsRefusedWhenTheRoleAllowsOnlyGet() throws Exception {
        HttpResponse<String> response = sendWithoutApplicationCode("HEAD", "/items/11", TOKEN_HEADER, readerToken);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void secondPipelinedRequestWithoutTokenOnAKeepAliveConnectionGets401() throws Exception {
        String first = "GET /items/12 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + TOKEN_HEADER + ": " + readerToken + "\r\n\r\n";
        String second = "GET /items/13 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";

        List<String> lines = witness.linesPrintedDuring(() -> {
            List<RawHttp.Response> responses = RawHttp.exchange(port, first + second, List.of("GET", "GET"));
            assertThat(responses.get(0).status()).as(responses.get(0).body()).isEqualTo(200);
            assertThat(AuditRecords.parse(responses.get(0).body()).path("caller").asText()).isEqualTo("reader");
            assertThat(responses.get(1).status()).as(responses.get(1).body()).isEqualTo(401);
        });

        assertThat(lines).as("lines the app printed for the two requests")
                .anyMatch(line -> line.startsWith("HANDLED GET /items/12"))
                .noneMatch(line -> line.contains("/items/13"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTokenHeaders")
    void tokenHeaderBrokenByCrOrLfNeverAuthenticates(String name, UnaryOperator<String> headerLine) throws Exception {
        RawHttp.Response[] response = new RawHttp.Response[1];
        witness.assertNoApplicationCodeRanFor(name, () -> response[0] = RawHttp.exchange(port,
                RawHttp.get(port, "/items/10c", headerLine.apply(readerToken))));

        assertThat(response[0].status()).as("%s: %s", name, response[0].body()).isIn(400, 401);
    }

    /** The token header line, from a valid token, split by CR and/or LF in each way a client could send it. */
    static Stream<Arguments> brokenTokenHeaders() {
        return Stream.of(
                brokenToken("obs-fold (CRLF + space) inside the token", token -> split(token, "\r\n ")),
                brokenToken("obs-fold (CRLF + tab) inside the token", token -> split(token, "\r\n\t")),
                brokenToken("bare LF inside the token", token -> split(token, "\n")),
                brokenToken("bare CR inside the token", token -> split(token, "\r")),
                brokenToken("percent-encoded CRLF after the token", token -> token + "%0d%0a"),
                brokenToken("percent-encoded CRLF inside the token", token -> split(token, "%0d%0a")));
    }

    private static Arguments brokenToken(String name, UnaryOperator<String> valueFromToken) {
        UnaryOperator<String> line = token -> TOKEN_HEADER + ": " + valueFromToken.apply(token);
        return Arguments.of(name, line);
    }

    private static String split(String token, String breaker) {
        return token.substring(0, 40) + breaker + token.substring(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousRequests")
    void ambiguousRequestIsRefusedBeforeAnyApplicationCode(AmbiguousRequest request) throws Exception {
        String[] headers = request.withToken() ? new String[] {TOKEN_HEADER + ": " + readerToken} : new String[0];
        RawHttp.Response[] response = new RawHttp.Response[1];

        witness.assertNoApplicationCodeRanFor(request.toString(), () -> response[0] = RawHttp.exchange(port,
                RawHttp.request(port, request.method(), request.target(), headers)));

        // In the test output, so that which component refused which target (agent: problem+json; the
        // server itself: anything else) can be read per stack without a debugger.
        System.out.println("ambiguous " + request + " -> " + response[0].status() + " " + response[0].header("Content-Type"));
        assertThat(response[0].status()).as("%s (%s): %s", request, request.why(), response[0].body())
                .isIn(request.accepted());
        if (response[0].status() < 300) {
            assertThat(response[0].body()).as("a server's own answer to %s", request).doesNotContain("\"stack\"");
        }
        if (response[0].status() == 401 || response[0].status() == 403) {
            // Only the agent answers these (the container has no notion of tokens): its problem document.
            assertRawProblem(response[0], response[0].status());
        }
    }

    @Test
    void ambiguousPathRefusedByTheAgentIsA400ProblemDocument() throws Exception {
        RawHttp.Response[] response = new RawHttp.Response[1];
        witness.assertNoApplicationCodeRanFor(agentRefusedAmbiguousTarget(), () -> response[0] = RawHttp.exchange(port,
                RawHttp.get(port, agentRefusedAmbiguousTarget(), TOKEN_HEADER + ": " + readerToken)));

        assertThat(response[0].status()).as(response[0].body()).isEqualTo(400);
        assertThat(assertRawProblem(response[0], 400).path("detail").asText()).isNotBlank();
    }

    /**
     * An ambiguous target that this stack's server hands on to the agent rather than refusing itself,
     * so that the agent's own 400 problem document can be checked.
     */
    protected String agentRefusedAmbiguousTarget() {
        return "/items/../admin";
    }

    @Test
    void allowedAsyncRequestReachesTheHandlerOnceWithTheVerifiedCaller() throws Exception {
        assumeTrue(servesAsync(), app().displayName() + " serves no /async/** (not a servlet app)");
        String path = "/async/items/" + UUID.randomUUID();
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();

        List<String> lines = witness.linesPrintedDuring(() -> response.set(send("GET", path, TOKEN_HEADER, readerToken)));

        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
        JsonNode seen = AuditRecords.parse(response.get().body());
        assertThat(seen.path("path").asText()).isEqualTo(path);
        assertThat(seen.path("caller").asText()).isEqualTo("reader");
        assertThat(seen.path("callerHeaderCount").asInt()).isEqualTo(1);
        assertThat(seen.path("tokenHeaderPresent").asBoolean()).as(response.get().body()).isFalse();
        assertThat(lines).as("lines the app printed for %s", path)
                .filteredOn(line -> line.startsWith("HANDLED ") && line.contains(path)).hasSize(1);
    }

    @Test
    void deniedAsyncRequestsNeverStartTheAsyncHandler() throws Exception {
        assumeTrue(servesAsync(), app().displayName() + " serves no /async/** (not a servlet app)");

        HttpResponse<String> noToken = sendWithoutApplicationCode("GET", "/async/items/denied-1");
        HttpResponse<String> wrongMethod = sendWithoutApplicationCode("POST", "/async/items/denied-2",
                TOKEN_HEADER, readerToken);

        assertThat(noToken.statusCode()).as(noToken.body()).isEqualTo(401);
        assertProblem(noToken, 401);
        assertThat(wrongMethod.statusCode()).as(wrongMethod.body()).isEqualTo(403);
        assertProblem(wrongMethod, 403);
    }

    @Test
    void enforceModeWithoutAnyPolicyOrCacheAnswers503ProblemAndNoApplicationCodeRuns() throws Exception {
        FailClosedApps apps = failClosedApps();
        String url = apps.withoutPolicyUrl();

        for (HttpResponse<String> response : List.of(
                PlainHttp.send(HttpRequest.newBuilder(URI.create(url + "/items/1")).header(TOKEN_HEADER, readerToken)),
                PlainHttp.get(url + "/health"),
                PlainHttp.send(HttpRequest.newBuilder(URI.create(url + "/items/2"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))))) {
            assertThat(response.statusCode()).as("%s: %s", response.request().uri(), response.body()).isEqualTo(503);
            assertProblem(response, 503);
        }
        FailClosedApps.assertNoApplicationCodeEverRanIn(apps.withoutPolicy());
    }

    @Test
    void exceptionInsideTheAgentDuringADecisionFailsClosed() throws Exception {
        FailClosedApps apps = failClosedApps();
        String url = apps.withFaultUrl();
        // 503 while the agent runtime is still starting; 500 once it decides, and so throws, every request.
        await(apps.withFault().name() + " to answer 500 from its injected fault").atMost(startupTimeout())
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> PlainHttp.get(url + "/health").statusCode() == 500);

        HttpResponse<String> allowedElsewhere = PlainHttp.send(
                HttpRequest.newBuilder(URI.create(url + "/items/1")).header(TOKEN_HEADER, readerToken));

        assertThat(allowedElsewhere.statusCode()).as(allowedElsewhere.body()).satisfiesAnyOf(
                status -> assertThat(status).isBetween(500, 599), status -> assertThat(status).isEqualTo(403));
        assertThat(allowedElsewhere.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        FailClosedApps.assertNoApplicationCodeEverRanIn(apps.withFault());
    }

    /** The stack's two fail-closed JVMs, both started on first use (see {@link FailClosedApps}). */
    private synchronized FailClosedApps failClosedApps() {
        if (failClosedApps == null) {
            failClosedApps = FailClosedApps.start(app(), server, dir.resolve("fail-closed"), appEnvironment(),
                    startupTimeout());
        }
        return failClosedApps;
    }

    @Test
    void decisionRecordsHoldAllowAndDenyWithTheContractFields() throws Exception {
        String allowedPath = "/items/audit-" + UUID.randomUUID();
        String deniedPath = "/items/audit-" + UUID.randomUUID();
        assertThat(send("GET", allowedPath, TOKEN_HEADER, readerToken).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", deniedPath, TOKEN_HEADER, readerToken).statusCode()).isEqualTo(403);

        JsonNode allow = awaitRecord(allowedPath);
        JsonNode deny = awaitRecord(deniedPath);

        for (JsonNode record : List.of(allow, deny)) {
            assertThat(record.fieldNames()).toIterable().contains(
                    "ts", "service", "decision", "status", "caller", "roles", "role", "method", "path", "reason", "rev", "mode");
            assertThat(Instant.parse(record.path("ts").asText())).isBetween(Instant.now().minusSeconds(300), Instant.now());
            assertThat(record.path("service").asText()).isEqualTo("app");
            assertThat(record.path("caller").asText()).isEqualTo("reader");
            assertThat(record.path("roles")).extracting(JsonNode::asText).containsExactly("item-reader");
            assertThat(record.path("rev").isIntegralNumber()).as("rev is a number: %s", record).isTrue();
            assertThat(record.path("mode").asText()).isEqualTo("enforce");
        }
        assertThat(allow.path("decision").asText()).isEqualTo("allow");
        assertThat(allow.path("method").asText()).isEqualTo("GET");
        assertThat(allow.path("role").asText()).isEqualTo("item-reader");
        assertThat(deny.path("decision").asText()).isEqualTo("deny");
        assertThat(deny.path("status").asInt()).isEqualTo(403);
        assertThat(deny.path("method").asText()).isEqualTo("DELETE");
        assertThat(deny.path("role").isNull()).as("role of a deny: %s", deny).isTrue();
        assertThat(deny.path("reason").asText()).contains("reader", "DELETE", deniedPath);
    }

    /** The app's port (for subclasses that add stack-specific cases). */
    protected final int port() {
        return port;
    }

    /** The app's base URL, {@code http://127.0.0.1:<port>}. */
    protected final String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A valid token of {@code reader} (GET /items/**) for {@code app}. */
    protected final String readerToken() {
        return readerToken;
    }

    /** The running app, for stack-specific checks of its output. */
    protected final JavaProcess appProcess() {
        return app;
    }

    /** Sends a request from the test JVM; {@code headers} alternate names and values. */
    protected final HttpResponse<String> send(String method, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #send}, failing if the app's filter or handler ran for the request. */
    protected final HttpResponse<String> sendWithoutApplicationCode(String method, String path, String... headers)
            throws Exception {
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        witness.assertNoApplicationCodeRanFor(method + " " + path, () -> response.set(send(method, path, headers)));
        return response.get();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = AuditRecords.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    private static JsonNode assertRawProblem(RawHttp.Response response, int status) {
        assertThat(response.header("Content-Type")).as("content type of a %d", status).startsWith(PROBLEM_JSON);
        JsonNode problem = AuditRecords.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private JsonNode awaitRecord(String path) {
        return await("a decision record for " + path + " in " + audit).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> AuditRecords.read(audit).stream()
                                .filter(record -> record.path("path").asText().equals(path))
                                .findFirst().orElse(null),
                        record -> record != null);
    }
}
