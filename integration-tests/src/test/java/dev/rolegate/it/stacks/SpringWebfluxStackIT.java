package dev.rolegate.it.stacks;

/** {@link ServerStackSuite} on Spring WebFlux (Spring Boot, Reactor Netty), a WebFilter before a catch-all route. */
class SpringWebfluxStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-spring-webflux", "testapp.springwebflux.Main");
    }
}
