package dev.rolegate.it.stacks;

/** {@link ServerStackSuite} on Undertow's native handlers (undertow-core, no servlet layer). */
class UndertowStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-undertow", "testapp.undertow.Main");
    }
}
