package dev.rolegate.it.stacks;

/** {@link ServerStackSuite} on plain Netty: HttpServerCodec, a filter handler, HttpObjectAggregator, the handler. */
class NettyStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-netty", "testapp.netty.Main");
    }
}
