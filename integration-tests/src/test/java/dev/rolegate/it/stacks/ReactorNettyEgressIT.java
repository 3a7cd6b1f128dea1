package dev.rolegate.it.stacks;

/** {@link EgressSuite} on Reactor Netty {@code HttpClient} (test-apps/client-reactor-netty). */
class ReactorNettyEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-reactor-netty", "testapp.reactornetty.Main");
    }
}
