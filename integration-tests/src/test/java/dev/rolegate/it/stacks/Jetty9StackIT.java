package dev.rolegate.it.stacks;

/**
 * {@link ServerStackSuite} on Jetty 9.4 (test-apps/server-jetty9): the javax.servlet variant of the
 * servlet instrumentation.
 */
class Jetty9StackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-jetty9", "testapp.jetty9.Main");
    }

    @Override
    protected boolean servesAsync() {
        return true;
    }
}
