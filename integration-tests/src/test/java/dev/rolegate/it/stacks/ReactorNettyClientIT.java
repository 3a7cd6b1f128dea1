package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on Reactor Netty's {@code HttpClient} over HTTP/1.1
 * (test-apps/client-reactor-netty); redirects are followed by Reactor Netty itself
 * ({@code followRedirect(true)}), and every hop is decided for its own destination.
 */
class ReactorNettyClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-reactor-netty", "testapp.reactornetty.Main");
    }

    /** Reactor Netty resolves names with its own DNS client (netty-resolver-dns), which reads only the system's hosts file. */
    @Override
    protected boolean resolvesNamesThroughTheJdk() {
        return false;
    }
}
