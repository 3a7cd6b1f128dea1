package dev.rolegate.agent.instrumentation.netty;

import static dev.rolegate.agent.instrumentation.testing.RawConnection.get;
import static dev.rolegate.agent.instrumentation.netty.testing.TestHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.agent.instrumentation.netty.testing.H2Client;
import dev.rolegate.agent.instrumentation.netty.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RawConnection;
import dev.rolegate.agent.instrumentation.testing.RawConnection.Response;
import dev.rolegate.agent.instrumentation.netty.testing.TestHooks;
import dev.rolegate.bootstrap.InboundDecision;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/** Reactor Netty's HttpServer is covered by the Netty pipeline hook, over HTTP/1.1 and h2c alike. */
class ReactorNettyGateTest {
    private TestHooks hooks;
    private DisposableServer server;
    /** What the handler saw: "METHOD uri caller=<Rolegate-Caller values> token=<present>". */
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        hooks = InstrumentedJvm.hooks();
        hooks.requireToken();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.disposeNow();
        }
    }

    private int start(HttpProtocol... protocols) {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .protocol(protocols)
                .handle((request, response) -> {
                    handled.add(request.method() + " " + request.uri()
                            + " caller=" + request.requestHeaders().getAll(InboundDecision.CALLER_HEADER)
                            + " token=" + request.requestHeaders().contains(TOKEN_HEADER));
                    hooks.events().add("handler " + request.uri());
                    return response.sendString(Mono.just("handled " + request.uri()));
                })
                .bindNow();
        return server.port();
    }

    @Test
    void deniedRequestNeverReachesTheHandler() throws Exception {
        try (RawConnection c = new RawConnection(start(HttpProtocol.HTTP11))) {
            Response response = c.send(get("/items")).read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).isEqualTo(InboundDecision.PROBLEM_JSON);
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void allowedRequestReachesTheHandlerWithCallerAndWithoutToken() throws Exception {
        try (RawConnection c = new RawConnection(start(HttpProtocol.HTTP11))) {
            assertThat(c.send(get("/items", TOKEN_HEADER + ": t", "Rolegate-Caller: admin")).read().status())
                    .isEqualTo(200);
        }
        assertThat(handled).containsExactly("GET /items caller=[orders] token=false");
        assertThat(hooks.events()).containsExactly("decision GET /items", "handler /items");
    }

    @Test
    void keepAliveRequestsWithATokenOnlyOnTheFirstAreDecidedOneByOne() throws Exception {
        try (RawConnection c = new RawConnection(start(HttpProtocol.HTTP11))) {
            assertThat(c.send(get("/items/1", TOKEN_HEADER + ": t")).read().status()).isEqualTo(200);
            assertThat(c.send(get("/items/2")).read().status()).isEqualTo(401);
            assertThat(c.send(get("/items/3", TOKEN_HEADER + ": t")).read().body()).isEqualTo("handled /items/3");
        }
        assertThat(handled).extracting(h -> h.split(" ")[1]).containsExactly("/items/1", "/items/3");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawConnection c = new RawConnection(start(HttpProtocol.HTTP11))) {
            c.send(get("/items/1", TOKEN_HEADER + ": t"), get("/items/2"));

            assertThat(c.read().body()).isEqualTo("handled /items/1");
            assertThat(c.read().status()).isEqualTo(401);
        }
        assertThat(handled).extracting(h -> h.split(" ")[1]).containsExactly("/items/1");
    }

    @Test
    void h2cStreamsAreDecidedOncePerRequest() throws Exception {
        H2Client client = new H2Client(start(HttpProtocol.H2C, HttpProtocol.HTTP11));

        HttpResponse<String> upgraded = client.get("/items/0");
        List<HttpResponse<String>> streams = client.getConcurrently("/items/1", "/admin");

        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(upgraded.statusCode()).isEqualTo(200);
        assertThat(streams).extracting(HttpResponse::statusCode).containsExactly(200, 401);
        assertThat(streams).allSatisfy(r -> assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2));
        assertThat(hooks.inboundCalls()).hasSize(3);
        assertThat(handled).containsExactlyInAnyOrder("GET /items/0 caller=[orders] token=false",
                "GET /items/1 caller=[orders] token=false");
    }
}
