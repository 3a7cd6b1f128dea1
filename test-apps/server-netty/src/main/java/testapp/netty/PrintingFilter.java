package testapp.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/** The application's own first handler after the codec: proves whether any application code ran. */
@ChannelHandler.Sharable
final class PrintingFilter extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            HttpRequest request = (HttpRequest) msg;
            System.out.println("FILTER " + request.method() + " " + CatchAllHandler.rawPath(request.uri()));
            System.out.flush();
        }
        ctx.fireChannelRead(msg);
    }
}
