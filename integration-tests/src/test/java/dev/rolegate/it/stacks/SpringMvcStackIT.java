package dev.rolegate.it.stacks;

import java.util.List;

/**
 * {@link ServerStackSuite} on Spring Boot MVC with Spring Security (test-apps/server-spring-mvc):
 * the decision is made before Spring Security's filter chain and the application's own filters.
 */
class SpringMvcStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-spring-mvc", "testapp.springmvc.Main");
    }

    @Override
    protected boolean servesAsync() {
        return true;
    }

    /** Spring Boot's embedded Tomcat answers OPTIONS * itself, as plain Tomcat does. */
    @Override
    protected List<AmbiguousRequest> ambiguousRequests() {
        return TomcatStackIT.tomcatAmbiguousRequests(port());
    }
}
