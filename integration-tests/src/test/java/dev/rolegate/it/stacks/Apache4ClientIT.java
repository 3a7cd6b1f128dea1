package dev.rolegate.it.stacks;

/** {@link ClientLibrarySuite} on Apache HttpClient 4.5 (test-apps/client-apache4). */
class Apache4ClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-apache4", "testapp.apache4.Main");
    }
}
