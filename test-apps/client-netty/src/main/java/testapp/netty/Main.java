package testapp.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import testapp.common.LineProtocol;

/**
 * The client test app on plain Netty: a {@code Bootstrap} with {@code HttpClientCodec}, one
 * connection per request. Netty has no redirect support, so, like an application would, this one
 * follows a {@code Location} itself (with a new request per hop) when asked. It knows nothing of
 * Rolegate.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            NettyCaller caller = new NettyCaller(group);
            LineProtocol.serve(caller::call);
        } finally {
            group.shutdownGracefully();
        }
    }
}
