package dev.rolegate.agent.instrumentation.nettyclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class NettyClientHopTest {

    @Test
    void pathOfOriginFormDropsQueryAndFragment() {
        assertThat(NettyClientHop.pathOf("/items/7?x=1#top")).isEqualTo("/items/7");
    }

    @Test
    void pathOfAbsoluteFormIsItsPath() {
        assertThat(NettyClientHop.pathOf("http://inventory:8080/items/7?x=1")).isEqualTo("/items/7");
    }

    @Test
    void pathOfAbsoluteFormWithoutPathIsRoot() {
        assertThat(NettyClientHop.pathOf("http://inventory:8080?x=1")).isEqualTo("/");
    }

    @Test
    void pathOfEmptyTargetIsRoot() {
        assertThat(NettyClientHop.pathOf("")).isEqualTo("/");
    }

    @Test
    void pipelineWithSslHandlerIsTls() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(true);
        EmbeddedChannel channel = new EmbeddedChannel(new SslHandler(engine), new HttpClientCodec());
        try {
            assertThat(NettyClientHop.isTls(channel.pipeline())).isTrue();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void pipelineWithoutSslHandlerIsPlain() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec());
        try {
            assertThat(NettyClientHop.isTls(channel.pipeline())).isFalse();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
