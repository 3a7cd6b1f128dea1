package dev.rolegate.it.stacks;

/** {@link EgressSuite} on Spring {@code RestTemplate} over its default request factory (test-apps/client-spring). */
class SpringRestTemplateEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-spring", "testapp.spring.Main", "resttemplate");
    }
}
