package dev.rolegate.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The per-connection pipeline: idle detection, HTTP/1.1 codec, body limit, routing. */
public final class PipelineInitializer extends ChannelInitializer<SocketChannel> {
    /** Largest accepted request body (policies are far smaller); larger is a 413 before parsing. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Idle keep-alive connections are closed after this; a long poll (at most 60 s) is exempt. */
    public static final int IDLE_SECONDS = 30;

    private final Supplier<Router> router;
    private final ChannelGroup channels;

    /**
     * @param router   supplies the router once it is built; connections are only accepted after that
     * @param channels every open connection, so that shutdown can close them
     */
    public PipelineInitializer(Supplier<Router> router, ChannelGroup channels) {
        this.router = router;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregator", new JsonHttpObjectAggregator(MAX_BODY_BYTES))
                .addLast("router", new RouterHandler(router.get()));
    }
}
