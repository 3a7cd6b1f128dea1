package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on plain Netty with {@code HttpClientCodec} (test-apps/client-netty).
 * Netty cannot follow redirects; the app follows a {@code Location} itself with a new request per
 * hop, and each hop is decided where the codec writes it.
 */
class NettyClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-netty", "testapp.netty.Main");
    }
}
