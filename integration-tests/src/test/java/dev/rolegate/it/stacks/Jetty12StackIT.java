package dev.rolegate.it.stacks;

/** {@link ServerStackSuite} on Jetty 12 ee10 (test-apps/server-jetty12), hooked by the servlet instrumentation. */
class Jetty12StackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-jetty12", "testapp.jetty12.Main");
    }
}
