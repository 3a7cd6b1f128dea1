package dev.rolegate.it.stacks;

/**
 * {@link ServerStackSuite} on Spring Boot MVC with Spring Security (test-apps/server-spring-mvc):
 * the decision is made before Spring Security's filter chain and the application's own filters.
 */
class SpringMvcStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-spring-mvc", "testapp.springmvc.Main");
    }
}
