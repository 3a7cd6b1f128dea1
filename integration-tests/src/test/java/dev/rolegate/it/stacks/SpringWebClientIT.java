package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on Spring's {@code WebClient.create()}, whose default connector is
 * Reactor Netty's (test-apps/client-spring, variant {@code webclient}).
 */
class SpringWebClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-spring", "testapp.spring.Main", "webclient");
    }

    /** Reactor Netty resolves names with its own DNS client (netty-resolver-dns), which reads only the system's hosts file. */
    @Override
    protected boolean resolvesNamesThroughTheJdk() {
        return false;
    }
}
