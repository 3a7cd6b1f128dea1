package dev.rolegate.agent.instrumentation.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.agent.instrumentation.netty.testing.EventHandler;
import dev.rolegate.agent.instrumentation.netty.testing.H2Client;
import dev.rolegate.agent.instrumentation.netty.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.netty.testing.NettyServer;
import dev.rolegate.agent.instrumentation.netty.testing.RecordingApp;
import dev.rolegate.agent.instrumentation.netty.testing.TestHooks;
import dev.rolegate.bootstrap.InboundDecision;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 cleartext on a plain Netty server: Http2FrameCodec + Http2MultiplexHandler, one pipeline per stream. */
class NettyH2cGateTest {
    private TestHooks hooks;
    private NettyServer server;
    private final List<Map<String, List<String>>> seen = RecordingApp.newStore();

    @BeforeEach
    void setUp() throws InterruptedException {
        hooks = InstrumentedJvm.hooks();
        hooks.requireToken();
        server = new NettyServer(this::initConnection);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void initConnection(SocketChannel ch) {
        HttpServerCodec codec = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), multiplexer())
                        : null);
        ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel connection) {
                connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), multiplexer());
            }
        }));
        // HTTP/1.1 requests that do not upgrade reach the same application
        ch.pipeline().addLast(new HttpObjectAggregator(1 << 20), new RecordingApp(hooks.events(), seen));
    }

    private Http2MultiplexHandler multiplexer() {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast(new EventHandler("filter", hooks.events()))
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new RecordingApp(hooks.events(), seen));
            }
        });
    }

    @Test
    void upgradedRequestIsDecidedOnceOnItsStream() throws Exception {
        HttpResponse<String> response = new H2Client(server.port()).get("/items/1");

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hooks.events()).containsExactly("decision GET /items/1", "filter GET /items/1", "handler GET /items/1");
        assertThat(seen.get(0).get(InboundDecision.CALLER_HEADER)).containsExactly("orders");
        assertThat(seen.get(0)).doesNotContainKey(TestHooks.TOKEN_HEADER);
    }

    @Test
    void streamsOfOneConnectionAreDecidedEachOnItsOwn() throws Exception {
        H2Client client = new H2Client(server.port());
        client.get("/items/0");
        hooks.events().clear();

        List<HttpResponse<String>> responses = client.getConcurrently("/items/1", "/admin", "/items/2", "/other");

        assertThat(responses).allSatisfy(r -> assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2));
        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 401, 200, 401);
        assertThat(responses.get(1).headers().firstValue("content-type")).contains(InboundDecision.PROBLEM_JSON);
        assertThat(responses.get(1).body()).isEqualTo(TestHooks.PROBLEM);
        assertThat(hooks.events()).filteredOn(e -> e.startsWith("decision")).hasSize(4);
        assertThat(hooks.events()).filteredOn(e -> !e.startsWith("decision")).containsExactlyInAnyOrder(
                "filter GET /items/1", "handler GET /items/1", "filter GET /items/2", "handler GET /items/2");
    }

    @Test
    void deniedUpgradeRequestIsAnsweredOnItsStreamWithoutReachingTheApplication() throws Exception {
        HttpResponse<String> response = new H2Client(server.port()).get("/admin");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(hooks.events()).containsExactly("decision GET /admin");
    }
}
