package dev.rolegate.it.stacks;

/** {@link EgressSuite} on Spring {@code WebClient} over Reactor Netty (test-apps/client-spring). */
class SpringWebClientEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-spring", "testapp.spring.Main", "webclient");
    }
}
