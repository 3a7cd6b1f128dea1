package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on OkHttp 4.12 (test-apps/client-okhttp4). */
class OkHttp4ClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-okhttp4", "testapp.okhttp4.Main");
    }
}
