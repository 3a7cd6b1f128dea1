package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on OkHttp 5.5 (test-apps/client-okhttp5). */
class OkHttp5ClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-okhttp5", "testapp.okhttp5.Main");
    }
}
