package testapp.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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

/**
 * The server test application on plain Netty (docs/STACK-TESTS.md, "Server test app protocol"):
 * {@code HttpServerCodec}, a {@link PrintingFilter}, an {@code HttpObjectAggregator} and the
 * catch-all {@link CatchAllHandler}. Knows nothing of Rolegate.
 *
 * <p>Usage: {@code PORT=<port> java testapp.netty.Main [h2c]}. With {@code h2c} the same
 * application also speaks HTTP/2 over cleartext (upgrade or prior knowledge), one
 * {@code Http2StreamFrameToHttpObjectCodec} pipeline per stream.
 */
public final class Main {
    private static final int MAX_BODY = 1 << 20;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv("PORT"));
        boolean h2c = args.length > 0 && "h2c".equals(args[0]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (h2c) {
                            initH2c(ch.pipeline());
                        } else {
                            ch.pipeline().addLast(new HttpServerCodec());
                            application(ch.pipeline());
                        }
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("READY " + port);
        System.out.flush();
    }

    /** What every request passes after the protocol handlers. */
    static void application(ChannelPipeline pipeline) {
        pipeline.addLast(new PrintingFilter())
                .addLast(new HttpObjectAggregator(MAX_BODY))
                .addLast(new CatchAllHandler());
    }

    private static void initH2c(ChannelPipeline pipeline) {
        HttpServerCodec codec = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), streams())
                        : null);
        pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel connection) {
                connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), streams());
            }
        }));
        // HTTP/1.1 requests that do not upgrade
        application(pipeline);
    }

    private static Http2MultiplexHandler streams() {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                application(stream.pipeline());
            }
        });
    }
}
