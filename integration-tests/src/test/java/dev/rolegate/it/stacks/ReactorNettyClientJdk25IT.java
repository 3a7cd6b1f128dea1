package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on Reactor Netty's {@code HttpClient} on JDK 25
 * (test-apps/client-reactor-netty). Reactor Netty resolves names with its own DNS client, which
 * does not read {@code jdk.net.hosts.file}: the cases by host name are skipped (see
 * {@link ReactorNettyClientIT}).
 */
class ReactorNettyClientJdk25IT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-reactor-netty", "testapp.reactornetty.Main").onJdk25();
    }

    /** Reactor Netty resolves names with its own DNS client (netty-resolver-dns), which reads only the system's hosts file. */
    @Override
    protected boolean resolvesNamesThroughTheJdk() {
        return false;
    }
}
