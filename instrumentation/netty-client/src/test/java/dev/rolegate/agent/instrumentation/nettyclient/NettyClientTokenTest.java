package dev.rolegate.agent.instrumentation.nettyclient;

import static dev.rolegate.agent.instrumentation.nettyclient.RecordingHooks.TOKEN_HEADER;
import static dev.rolegate.agent.instrumentation.nettyclient.RecordingHooks.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain Netty with {@code HttpClientCodec}, against raw-socket capture servers. */
class NettyClientTokenTest {
    private RecordingHooks hooks;
    private CaptureServer listed;
    private CaptureServer unlisted;
    private RawNettyClient client;

    @BeforeEach
    void setUp() throws IOException {
        hooks = InstrumentedJvm.hooks();
        listed = new CaptureServer();
        unlisted = new CaptureServer();
        hooks.listService("inventory", "127.0.0.1", listed.port());
        client = new RawNettyClient();
    }

    @AfterEach
    void tearDown() throws IOException {
        client.close();
        listed.close();
        unlisted.close();
    }

    @Test
    void attachesTokenOfTheListedService() throws Exception {
        ChannelFuture write = client.send("127.0.0.1", listed.port(), RawNettyClient.get("/items/1", "inventory"));

        assertThat(write.isSuccess()).isTrue();
        assertThat(listed.take().values(TOKEN_HEADER)).containsExactly(tokenFor("inventory"));
    }

    @Test
    void decidesOnTheRealSchemeHostPortMethodAndPath() throws Exception {
        client.send("127.0.0.1", listed.port(), RawNettyClient.get("/items/1?full=true", "inventory"));
        listed.take();

        assertThat(hooks.outboundCalls()).containsExactly(
                new RecordingHooks.Outbound("http", "127.0.0.1", listed.port(), "GET", "/items/1"));
    }

    @Test
    void sendsNoTokenToAnUnlistedDestination() throws Exception {
        client.send("127.0.0.1", unlisted.port(), RawNettyClient.get("/items", "elsewhere"));

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void stripsATokenTheApplicationSetBeforeAnUnlistedDestination() throws Exception {
        FullHttpRequest request = RawNettyClient.get("/items", "elsewhere");
        request.headers().add(TOKEN_HEADER, "app-set-token");

        client.send("127.0.0.1", unlisted.port(), request);

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void replacesATokenTheApplicationSetForAListedDestination() throws Exception {
        FullHttpRequest request = RawNettyClient.get("/items", "inventory");
        request.headers().add(TOKEN_HEADER, "app-set-token");

        client.send("127.0.0.1", listed.port(), request);

        assertThat(listed.take().values(TOKEN_HEADER)).containsExactly(tokenFor("inventory"));
    }

    @Test
    void ignoresAHostHeaderNamingAListedServiceWhenConnectedElsewhere() throws Exception {
        client.send("127.0.0.1", unlisted.port(), RawNettyClient.get("/items", "127.0.0.1:" + listed.port()));

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void refusalFailsTheWriteWithAnIOExceptionAndSendsNothing() throws Exception {
        hooks.refuse("127.0.0.1", listed.port(), "caller may not POST /items on inventory");

        ChannelFuture write = client.send("127.0.0.1", listed.port(), RawNettyClient.get("/items", "inventory"));

        assertThat(write.isSuccess()).isFalse();
        assertThat(write.cause()).hasRootCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("caller may not POST /items on inventory");
        // The refused connection carried no request head: the next head the server sees is the next call's.
        hooks.reset();
        client.send("127.0.0.1", listed.port(), RawNettyClient.get("/after", "inventory"));
        assertThat(listed.take().requestLine()).isEqualTo("GET /after HTTP/1.1");
    }
}
