package dev.rolegate.agent.instrumentation.jdkhttpserver;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rolegate.agent.instrumentation.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RawHttpClient;
import dev.rolegate.agent.instrumentation.testing.RawHttpClient.Response;
import dev.rolegate.agent.instrumentation.testing.RecordingHooks;
import dev.rolegate.bootstrap.InboundDecision;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpServerGateTest {
    private static final String PROBLEM = "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"no token\"}";

    private RecordingHooks hooks;
    private HttpServer server;
    private HttpContext context;
    /** What the application's handler saw, one entry per invocation: header name to values. */
    private final List<Map<String, List<String>>> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        hooks = InstrumentedJvm.hooks();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        context = server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        hooks.events().add("handler");
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> seen.put(name, List.copyOf(values)));
        handled.add(seen);
        byte[] body = "handled".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Response send(String method, String target, String... headers) throws IOException {
        return RawHttpClient.send(server.getAddress().getPort(), method, target, headers);
    }

    private static Filter recording(RecordingHooks hooks, String name) {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                hooks.events().add(name);
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return name;
            }
        };
    }

    private static List<String> valuesIgnoringCase(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((key, v) -> {
            if (key.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    @Test
    void deniedRequestGetsStatusHeadersAndProblemBodyAndNeverReachesTheHandler() throws IOException {
        hooks.answerInbound(request -> InboundDecision.stop(401, PROBLEM,
                "WWW-Authenticate", "Bearer realm=\"rolegate\""));

        Response response = send("GET", "/items");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.values("WWW-Authenticate")).containsExactly("Bearer realm=\"rolegate\"");
        assertThat(response.values("Content-Type")).containsExactly(InboundDecision.PROBLEM_JSON);
        assertThat(response.body()).isEqualTo(PROBLEM);
        assertThat(handled).isEmpty();
    }

    @Test
    void deniedHeadRequestGetsStatusWithoutBody() throws IOException {
        hooks.answerInbound(request -> InboundDecision.stop(403, PROBLEM));

        Response response = send("HEAD", "/items");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEmpty();
        assertThat(handled).isEmpty();
    }

    @Test
    void allowedRequestReachesHandlerWithVerifiedCallerAndWithoutTokenHeader() throws IOException {
        hooks.answerInbound(request -> InboundDecision.pass("orders"));

        Response response = send("GET", "/items", TOKEN_HEADER + ": secret-token", "Accept: text/plain");

        assertThat(response.status()).isEqualTo(200);
        assertThat(handled).hasSize(1);
        Map<String, List<String>> seen = handled.get(0);
        assertThat(valuesIgnoringCase(seen, InboundDecision.CALLER_HEADER)).containsExactly("orders");
        assertThat(valuesIgnoringCase(seen, TOKEN_HEADER)).isEmpty();
        assertThat(valuesIgnoringCase(seen, "Accept")).containsExactly("text/plain");
    }

    @Test
    void applicationReadsVerifiedCallerThroughGetFirst() throws IOException {
        hooks.answerInbound(request -> InboundDecision.pass("orders"));
        List<String> callers = new CopyOnWriteArrayList<>();
        server.removeContext(context);
        server.createContext("/", exchange -> {
            Headers headers = exchange.getRequestHeaders();
            callers.add(String.valueOf(headers.getFirst("Rolegate-Caller")));
            callers.add(String.valueOf(headers.getFirst("rolegate-token")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });

        send("GET", "/items", "rolegate-caller: admin", TOKEN_HEADER + ": t");

        assertThat(callers).containsExactly("orders", "null");
    }

    @Test
    void clientSentCallerIsReplacedByTheVerifiedCaller() throws IOException {
        hooks.answerInbound(request -> InboundDecision.pass("orders"));

        send("GET", "/items", "Rolegate-Caller: admin", TOKEN_HEADER + ": t");

        assertThat(valuesIgnoringCase(handled.get(0), InboundDecision.CALLER_HEADER)).containsExactly("orders");
    }

    @Test
    void clientSentCallerIsRemovedOnAnonymousPass() throws IOException {
        hooks.answerInbound(request -> InboundDecision.passAnonymous());

        Response response = send("GET", "/health", "Rolegate-Caller: admin", "rolegate-caller: root");

        assertThat(response.status()).isEqualTo(200);
        assertThat(valuesIgnoringCase(handled.get(0), InboundDecision.CALLER_HEADER)).isEmpty();
    }

    @Test
    void failingHooksAnswer500AndNeverReachTheHandler() throws IOException {
        hooks.answerInbound(request -> {
            throw new IllegalStateException("verifier exploded");
        });

        Response response = send("GET", "/items", TOKEN_HEADER + ": t");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.values("Content-Type")).containsExactly(InboundDecision.PROBLEM_JSON);
        assertThat(handled).isEmpty();
    }

    @Test
    void decidesBeforeAFilterAddedAtTheFrontOfTheContext() throws IOException {
        context.getFilters().add(0, recording(hooks, "filter"));

        send("GET", "/items");

        assertThat(hooks.events()).containsExactly("decision", "filter", "handler");
    }

    @Test
    void deniedRequestNeverReachesUserFilters() throws IOException {
        context.getFilters().add(0, recording(hooks, "filter"));
        hooks.answerInbound(request -> InboundDecision.stop(403, PROBLEM));

        send("GET", "/items");

        assertThat(hooks.events()).containsExactly("decision");
    }

    @Test
    void decidesExactlyOncePerRequestThroughFiltersAndAuthenticator() throws IOException {
        context.getFilters().add(recording(hooks, "first"));
        context.getFilters().add(recording(hooks, "second"));
        context.setAuthenticator(new BasicAuthenticator("test") {
            @Override
            public boolean checkCredentials(String user, String password) {
                hooks.events().add("authenticator");
                return "u".equals(user) && "p".equals(password);
            }
        });
        String basic = Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

        Response first = send("GET", "/items", "Authorization: Basic " + basic);
        Response second = send("GET", "/items", "Authorization: Basic " + basic);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(hooks.inboundCalls()).hasSize(2);
        assertThat(hooks.events()).containsExactly(
                "decision", "first", "second", "authenticator", "handler",
                "decision", "first", "second", "authenticator", "handler");
    }

    @Test
    void passesTheRawRequestTargetToTheDecision() throws IOException {
        send("GET", "/a/%2F/../b;x=1?q=%20");

        assertThat(hooks.inboundCalls()).singleElement()
                .extracting(RecordingHooks.Inbound::target)
                .isEqualTo("/a/%2F/../b;x=1?q=%20");
    }

    @Test
    void passesEveryTokenAndMethodOverrideValue() throws IOException {
        send("POST", "/items", TOKEN_HEADER + ": one", "rolegate-token: two",
                "X-HTTP-Method-Override: DELETE", "X-Method-Override: PUT", "Content-Length: 0");

        RecordingHooks.Inbound call = hooks.inboundCalls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.tokens()).containsExactly("one", "two");
        assertThat(call.overrides()).containsExactlyInAnyOrder("DELETE", "PUT");
    }

    @Test
    void passesEmptyArraysWithoutTokenOrOverride() throws IOException {
        send("GET", "/items");

        RecordingHooks.Inbound call = hooks.inboundCalls().get(0);
        assertThat(call.tokens()).isEmpty();
        assertThat(call.overrides()).isEmpty();
    }
}
