package dev.rolegate.it.outbound;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 peer over cleartext on 127.0.0.1 (test JVM, no agent) that records every request: the
 * HTTP/1.1 request that asks for the {@code h2c} upgrade (answered on stream 1 after the upgrade),
 * then each HTTP/2 stream of the connection. Answers 200 to everything; only {@code GET} without a
 * body is expected.
 */
final class H2cRecordingServer implements AutoCloseable {
    /** One request as received: {@code HTTP/1.1} (the upgrade request) or {@code HTTP/2}; header names in lower case. */
    record Received(String protocol, String path, Map<String, List<String>> headers) {
        /** The values of {@code name}, or an empty list. */
        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private static final byte[] BODY = "{\"recorded\":true}".getBytes(StandardCharsets.UTF_8);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Channel channel;

    private H2cRecordingServer() throws InterruptedException {
        channel = new ServerBootstrap().group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        HttpServerCodec codec = new HttpServerCodec();
                        HttpServerUpgradeHandler.UpgradeCodecFactory upgrades = protocol ->
                                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                                        ? new Http2ServerUpgradeCodec(new Builder().build())
                                        : null;
                        ch.pipeline().addLast(codec, new HttpServerUpgradeHandler(codec, upgrades),
                                new HttpObjectAggregator(64 * 1024), new PlainHttp1());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static H2cRecordingServer start() {
        try {
            return new H2cRecordingServer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The requests whose path contains {@code marker}, in arrival order. */
    List<Received> receivedFor(String marker) {
        return received.stream().filter(r -> r.path().contains(marker)).toList();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void record(String protocol, String path, Iterable<Map.Entry<CharSequence, CharSequence>> headers) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            byName.computeIfAbsent(header.getKey().toString().toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>())
                    .add(header.getValue().toString());
        }
        received.add(new Received(protocol, path, Map.copyOf(byName)));
    }

    private void recordHttp1(FullHttpRequest request) {
        record("HTTP/1.1", request.uri(), request.headers()::iteratorCharSequence);
    }

    /** Requests that did not ask for the upgrade. */
    private final class PlainHttp1 extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            recordHttp1(request);
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(BODY));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            ctx.writeAndFlush(response);
        }
    }

    /** The HTTP/2 side of an upgraded connection. */
    private final class H2Handler extends Http2ConnectionHandler {
        H2Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            super(decoder, encoder, settings);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent upgrade) {
                // The request that asked for the upgrade is answered as stream 1.
                recordHttp1(upgrade.upgradeRequest());
                respond(ctx, 1);
            }
            super.userEventTriggered(ctx, evt);
        }

        void respond(ChannelHandlerContext ctx, int streamId) {
            encoder().writeHeaders(ctx, streamId, new DefaultHttp2Headers().status("200"), 0, false, ctx.newPromise());
            encoder().writeData(ctx, streamId, Unpooled.wrappedBuffer(BODY), 0, true, ctx.newPromise());
            ctx.flush();
        }
    }

    private final class Listener extends Http2FrameAdapter {
        private H2Handler handler;

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            record("HTTP/2", String.valueOf(headers.path()), headers);
            if (endOfStream) {
                handler.respond(ctx, streamId);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            if (endOfStream) {
                handler.respond(ctx, streamId);
            }
            return data.readableBytes() + padding;
        }
    }

    private final class Builder extends AbstractHttp2ConnectionHandlerBuilder<H2Handler, Builder> {
        @Override
        public H2Handler build() {
            return super.build();
        }

        @Override
        protected H2Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            Listener listener = new Listener();
            H2Handler handler = new H2Handler(decoder, encoder, settings);
            listener.handler = handler;
            frameListener(listener);
            return handler;
        }
    }
}
