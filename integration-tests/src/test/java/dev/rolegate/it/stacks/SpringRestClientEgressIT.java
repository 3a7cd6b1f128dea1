package dev.rolegate.it.stacks;

/** {@link EgressSuite} on Spring {@code RestClient} over its default request factory (test-apps/client-spring). */
class SpringRestClientEgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-spring", "testapp.spring.Main", "restclient");
    }
}
