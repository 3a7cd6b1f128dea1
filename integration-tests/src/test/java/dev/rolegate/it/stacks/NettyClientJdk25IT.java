package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on plain Netty's {@code HttpClientCodec} on JDK 25
 * (test-apps/client-netty).
 */
class NettyClientJdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-netty", "testapp.netty.Main").onJdk25();
    }
}
