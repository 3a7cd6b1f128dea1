package dev.rolegate.it.stacks;

/** {@link EgressSuite} on OkHttp 5.5 (test-apps/client-okhttp5). */
class OkHttp5EgressIT extends EgressSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-okhttp5", "testapp.okhttp5.Main");
    }
}
