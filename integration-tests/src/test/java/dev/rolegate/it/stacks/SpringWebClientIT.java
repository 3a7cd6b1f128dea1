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
}
