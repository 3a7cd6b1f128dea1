package dev.rolegate.agent.instrumentation.netty.testing;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/** An application "filter": logs {@code <name> METHOD uri} for each request it sees, then passes it on. */
@ChannelHandler.Sharable
public final class EventHandler extends ChannelInboundHandlerAdapter {
    private final String name;
    private final List<String> events;

    public EventHandler(String name, List<String> events) {
        this.name = name;
        this.events = events;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            HttpRequest request = (HttpRequest) msg;
            events.add(name + " " + request.method() + " " + request.uri());
        }
        ctx.fireChannelRead(msg);
    }
}
