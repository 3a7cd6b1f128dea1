package dev.rolegate.it.stacks;

/**
 * {@link ClientLibrarySuite} on Reactor Netty's {@code HttpClient} resolving host names through the
 * JDK ({@code resolver(DefaultAddressResolverGroup.INSTANCE)}, variant {@code jdk-resolver} of
 * test-apps/client-reactor-netty). With Reactor Netty's own DNS client the cases by host name
 * (look-alike host, userinfo trick, redirect to an outside name) cannot reach the test's names and
 * are skipped ({@link ReactorNettyClientIT}); here they run against the same Netty client hook that
 * Reactor Netty and Spring {@code WebClient} go through.
 */
class ReactorNettyJdkResolverClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-reactor-netty", "testapp.reactornetty.Main", "jdk-resolver");
    }
}
