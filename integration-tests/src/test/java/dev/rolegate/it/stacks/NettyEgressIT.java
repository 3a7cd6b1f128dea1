package dev.rolegate.it.stacks;

/** {@link EgressSuite} on plain Netty with {@code HttpClientCodec} (test-apps/client-netty). */
class NettyEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-netty", "testapp.netty.Main");
    }
}
