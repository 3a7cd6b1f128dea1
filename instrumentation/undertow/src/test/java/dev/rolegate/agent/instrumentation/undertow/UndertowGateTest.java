package dev.rolegate.agent.instrumentation.undertow;

import static dev.rolegate.agent.instrumentation.testing.RawConnection.get;
import static dev.rolegate.agent.instrumentation.testing.RawConnection.request;
import static dev.rolegate.agent.instrumentation.undertow.testing.TestHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.agent.instrumentation.undertow.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RawConnection;
import dev.rolegate.agent.instrumentation.testing.RawConnection.Response;
import dev.rolegate.agent.instrumentation.undertow.testing.TestHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.RolegateBridge;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HeaderValues;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UndertowGateTest {
    private TestHooks hooks;
    private Undertow server;
    private final List<Map<String, List<String>>> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        hooks = InstrumentedJvm.hooks();
        hooks.requireToken();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop();
        }
    }

    /** A filter handler, then the application's handler on a worker thread (BlockingHandler dispatches). */
    private int start() {
        return start(filter(new BlockingHandler(this::handle)));
    }

    private int start(HttpHandler root) {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(root).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private HttpHandler filter(HttpHandler next) {
        return exchange -> {
            hooks.events().add("filter " + exchange.getRequestURI());
            next.handleRequest(exchange);
        };
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        hooks.events().add("handler " + exchange.getRequestURI());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), List.copyOf(values));
        }
        seen.add(headers);
        exchange.getInputStream().readAllBytes();
        exchange.getResponseSender().send("handled " + exchange.getRequestURI());
    }

    @Test
    void deniedRequestGetsProblemAnswerAndNoHandlerRuns() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            Response response = c.send(get("/items")).read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).isEqualTo(InboundDecision.PROBLEM_JSON);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"rolegate\"");
            assertThat(response.body()).isEqualTo(TestHooks.PROBLEM);
        }
        assertThat(hooks.events()).containsExactly("decision GET /items");
    }

    @Test
    void allowedRequestReachesHandlerWithCallerAndDecidedMarkAndWithoutToken() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            Response response = c.send(get("/items", TOKEN_HEADER + ": t", "Rolegate-Caller: admin",
                    RolegateBridge.DECIDED_HEADER + ": forged")).read();

            assertThat(response.status()).isEqualTo(200);
        }
        Map<String, List<String>> headers = seen.get(0);
        assertThat(headers.get(InboundDecision.CALLER_HEADER)).containsExactly("orders");
        assertThat(headers.get(RolegateBridge.DECIDED_HEADER)).containsExactly(RolegateBridge.decidedMark());
        assertThat(headers).doesNotContainKey(TOKEN_HEADER);
    }

    @Test
    void forgedDecidedHeaderDoesNotSkipTheDecision() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            Response response = c.send(get("/items", RolegateBridge.DECIDED_HEADER + ": " + RolegateBridge.decidedMark()))
                    .read();

            assertThat(response.status()).isEqualTo(401);
        }
        assertThat(hooks.events()).containsExactly("decision GET /items");
    }

    @Test
    void requestDispatchedToAWorkerIsDecidedOnce() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            assertThat(c.send(get("/items", TOKEN_HEADER + ": t")).read().status()).isEqualTo(200);
        }
        assertThat(hooks.events()).containsExactly("decision GET /items", "filter /items", "handler /items");
    }

    @Test
    void keepAliveRequestsWithATokenOnlyOnTheFirstAreDecidedOneByOne() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            c.send(get("/items/1", TOKEN_HEADER + ": t"), get("/items/2"), get("/items/3", TOKEN_HEADER + ": t"));

            assertThat(c.read().body()).isEqualTo("handled /items/1");
            assertThat(c.read().status()).isEqualTo(401);
            assertThat(c.read().body()).isEqualTo("handled /items/3");
        }
        assertThat(hooks.events()).filteredOn(e -> e.startsWith("handler"))
                .containsExactly("handler /items/1", "handler /items/3");
    }

    @Test
    void bodyOfADeniedRequestNeverReachesTheHandlerAndTheConnectionGoesOn() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            c.send(request("POST", "/items", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\n",
                    get("/after", TOKEN_HEADER + ": t"));

            assertThat(c.read().status()).isEqualTo(401);
            assertThat(c.read().body()).isEqualTo("handled /after");
        }
        assertThat(hooks.events()).filteredOn(e -> e.startsWith("handler")).containsExactly("handler /after");
    }

    @Test
    void deniedHeadRequestGetsStatusWithoutBody() throws Exception {
        hooks.answerInbound(request -> InboundDecision.stop(403, TestHooks.PROBLEM));
        try (RawConnection c = new RawConnection(start())) {
            c.send(request("HEAD", "/items"), get("/items"));

            Response head = c.read();
            assertThat(head.status()).isEqualTo(403);
            assertThat(head.body()).isEmpty();
            assertThat(c.read().body()).isEqualTo(TestHooks.PROBLEM);
        }
    }

    @Test
    void failingHooksAnswer500AndNoHandlerRuns() throws Exception {
        hooks.answerInbound(request -> {
            throw new IllegalStateException("verifier exploded");
        });
        try (RawConnection c = new RawConnection(start())) {
            Response response = c.send(get("/items", TOKEN_HEADER + ": t")).read();

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("Content-Type")).isEqualTo(InboundDecision.PROBLEM_JSON);
        }
        assertThat(hooks.events()).containsExactly("decision GET /items");
    }

    @Test
    void passesRawTargetEveryTokenAndEveryMethodOverride() throws Exception {
        hooks.answerInbound(request -> InboundDecision.stop(403, TestHooks.PROBLEM));
        try (RawConnection c = new RawConnection(start())) {
            c.send(request("POST", "/a/%2F/b;x=1?q=%20", TOKEN_HEADER + ": one", "rolegate-token: two",
                    "X-HTTP-Method-Override: DELETE", "X-Method-Override: PUT", "Content-Length: 0")).read();
        }
        TestHooks.Inbound call = hooks.inboundCalls().get(0);
        assertThat(call.target()).isEqualTo("/a/%2F/b;x=1?q=%20");
        assertThat(call.tokens()).containsExactly("one", "two");
        assertThat(call.overrides()).containsExactlyInAnyOrder("DELETE", "PUT");
    }
}
