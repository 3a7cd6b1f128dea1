package dev.rolegate.agent.instrumentation.netty;

import static dev.rolegate.agent.instrumentation.testing.RawConnection.get;
import static dev.rolegate.agent.instrumentation.testing.RawConnection.request;
import static dev.rolegate.agent.instrumentation.netty.testing.TestHooks.TOKEN_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.agent.instrumentation.netty.testing.EventHandler;
import dev.rolegate.agent.instrumentation.netty.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.netty.testing.NettyServer;
import dev.rolegate.agent.instrumentation.testing.RawConnection;
import dev.rolegate.agent.instrumentation.testing.RawConnection.Response;
import dev.rolegate.agent.instrumentation.netty.testing.RecordingApp;
import dev.rolegate.agent.instrumentation.netty.testing.TestHooks;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.RolegateBridge;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyHttpServerGateTest {
    private TestHooks hooks;
    private NettyServer server;
    private final List<Map<String, List<String>>> seen = RecordingApp.newStore();

    @BeforeEach
    void setUp() {
        hooks = InstrumentedJvm.hooks();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    /** The usual application: codec, a filter, an aggregator, the handler. */
    private int start() throws InterruptedException {
        return start(ch -> ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                .addLast("filter", new EventHandler("filter", hooks.events()))
                .addLast(new HttpObjectAggregator(1 << 20))
                .addLast(new RecordingApp(hooks.events(), seen)));
    }

    private int start(Consumer<SocketChannel> initializer) throws InterruptedException {
        server = new NettyServer(initializer);
        return server.port();
    }

    private static String chunkedPost(String target, String... headerLines) {
        String[] all = new String[headerLines.length + 1];
        all[0] = "Transfer-Encoding: chunked";
        System.arraycopy(headerLines, 0, all, 1, headerLines.length);
        return request("POST", target, all) + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    }

    @Test
    void deniedRequestGetsProblemAnswerAndNoApplicationHandlerRuns() throws Exception {
        hooks.requireToken();
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
    void allowedRequestReachesHandlerWithVerifiedCallerAndWithoutTokenOrForgedHeaders() throws Exception {
        hooks.requireToken();
        try (RawConnection c = new RawConnection(start())) {
            Response response = c.send(get("/items", TOKEN_HEADER + ": t", "Rolegate-Caller: admin",
                    RolegateBridge.DECIDED_HEADER + ": forged", "Accept: text/plain")).read();

            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(hooks.events()).containsExactly("decision GET /items", "filter GET /items", "handler GET /items");
        Map<String, List<String>> headers = seen.get(0);
        assertThat(headers.get(InboundDecision.CALLER_HEADER)).containsExactly("orders");
        assertThat(headers).doesNotContainKeys(TOKEN_HEADER, RolegateBridge.DECIDED_HEADER);
        assertThat(headers.get("Accept")).containsExactly("text/plain");
    }

    @Test
    void pipelinedKeepAliveRequestsAreDecidedOneByOne() throws Exception {
        hooks.requireToken();
        try (RawConnection c = new RawConnection(start())) {
            c.send(get("/items/1", TOKEN_HEADER + ": t"), get("/items/2"), get("/items/3", TOKEN_HEADER + ": t"));

            assertThat(c.read().status()).isEqualTo(200);
            Response second = c.read();
            assertThat(second.status()).isEqualTo(401);
            assertThat(second.header("Connection")).isNull();
            assertThat(c.read().body()).isEqualTo("handled /items/3");
        }
        assertThat(hooks.inboundCalls()).extracting(TestHooks.Inbound::target)
                .containsExactly("/items/1", "/items/2", "/items/3");
        assertThat(hooks.events()).filteredOn(e -> e.startsWith("handler"))
                .containsExactly("handler GET /items/1", "handler GET /items/3");
    }

    @Test
    void chunkedBodyOfDeniedRequestNeverReachesTheApplication() throws Exception {
        hooks.requireToken();
        int port = start(ch -> ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                .addLast(new RecordingApp(hooks.events(), seen)));
        try (RawConnection c = new RawConnection(port)) {
            c.send(chunkedPost("/items"), get("/after", TOKEN_HEADER + ": t"));

            assertThat(c.read().status()).isEqualTo(401);
            assertThat(c.read().body()).isEqualTo("handled /after");
        }
        assertThat(hooks.events()).containsExactly("decision POST /items", "decision GET /after",
                "handler GET /after", "last");
    }

    @Test
    void deniedRequestPipelinedBehindAnUnfinishedResponseIsAnsweredInOrderThenCloses() throws Exception {
        hooks.requireToken();
        try (RawConnection c = new RawConnection(start())) {
            c.send(get("/slow", TOKEN_HEADER + ": t"), get("/items"), get("/items/3", TOKEN_HEADER + ": t"));

            assertThat(c.read().body()).isEqualTo("handled /slow");
            Response denied = c.read();
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(hooks.events()).filteredOn(e -> e.startsWith("handler")).containsExactly("handler GET /slow");
    }

    @Test
    void deniedRequestAskingToCloseIsAnsweredThenClosed() throws Exception {
        hooks.requireToken();
        try (RawConnection c = new RawConnection(start())) {
            Response response = c.send(get("/items", "Connection: close")).read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
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
    void failingHooksAnswer500AndNoApplicationHandlerRuns() throws Exception {
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
    void handlerAddedRightAfterTheCodecByNameStillRunsAfterTheDecision() throws Exception {
        hooks.requireToken();
        int port = start(ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast("codec", new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(1 << 20));
            p.addLast(new RecordingApp(hooks.events(), seen));
            p.addAfter("codec", "early", new EventHandler("early", hooks.events()));
        });
        try (RawConnection c = new RawConnection(port)) {
            assertThat(c.send(get("/items")).read().status()).isEqualTo(401);
        }
        assertThat(hooks.events()).containsExactly("decision GET /items");
    }

    @Test
    void separateDecoderAndEncoderPipelineGetsEncodedAnswers() throws Exception {
        hooks.requireToken();
        int port = start(ch -> ch.pipeline()
                .addLast(new HttpRequestDecoder())
                .addLast(new HttpResponseEncoder())
                .addLast(new HttpObjectAggregator(1 << 20))
                .addLast(new RecordingApp(hooks.events(), seen)));
        try (RawConnection c = new RawConnection(port)) {
            c.send(get("/items"), get("/items/1", TOKEN_HEADER + ": t"));

            assertThat(c.read().status()).isEqualTo(401);
            assertThat(c.read().body()).isEqualTo("handled /items/1");
        }
    }

    @Test
    void passesRawTargetEveryTokenAndEveryMethodOverride() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            c.send(request("POST", "/a/%2F/../b;x=1?q=%20", TOKEN_HEADER + ": one", "rolegate-token: two",
                    "X-HTTP-Method-Override: DELETE", "X-Method-Override: PUT", "Content-Length: 0")).read();
        }
        TestHooks.Inbound call = hooks.inboundCalls().get(0);
        assertThat(call.target()).isEqualTo("/a/%2F/../b;x=1?q=%20");
        assertThat(call.tokens()).containsExactly("one", "two");
        assertThat(call.overrides()).containsExactlyInAnyOrder("DELETE", "PUT");
    }

    @Test
    void clientSentCallerIsRemovedOnAnonymousPass() throws Exception {
        try (RawConnection c = new RawConnection(start())) {
            assertThat(c.send(get("/health", "Rolegate-Caller: admin")).read().status()).isEqualTo(200);
        }
        assertThat(seen.get(0)).doesNotContainKey(InboundDecision.CALLER_HEADER);
    }

}
