package testapp.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** One request per connection; redirects followed by hand (at most five hops). */
final class NettyCaller {
    private static final int MAX_HOPS = 5;

    /** Status and Location of one hop. */
    private record Answer(int status, String location) {
    }

    private final EventLoopGroup group;

    NettyCaller(EventLoopGroup group) {
        this.group = group;
    }

    int call(String method, String url, boolean follow) throws Exception {
        URI uri = URI.create(url);
        for (int hop = 0; ; hop++) {
            Answer answer = once(method, uri);
            boolean redirect = answer.status() >= 301 && answer.status() <= 308 && answer.location() != null;
            if (!follow || !redirect || hop == MAX_HOPS) {
                return answer.status();
            }
            uri = uri.resolve(answer.location());
        }
    }

    private Answer once(String method, URI uri) throws Exception {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("only http is supported: " + uri);
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                        answer.complete(new Answer(r.status().code(),
                                                r.headers().get(HttpHeaderNames.LOCATION)));
                                        ctx.close();
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        answer.completeExceptionally(cause);
                                        ctx.close();
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        answer.completeExceptionally(new IOException("connection closed before a response"));
                                    }
                                });
                    }
                })
                .connect(host, port).sync().channel();
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), target);
        request.headers().set(HttpHeaderNames.HOST, uri.getPort() < 0 ? host : host + ":" + port);
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        ChannelFuture write = channel.writeAndFlush(request);
        write.addListener(f -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(f.cause());
                channel.close();
            }
        });
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        } finally {
            channel.close();
        }
    }
}
