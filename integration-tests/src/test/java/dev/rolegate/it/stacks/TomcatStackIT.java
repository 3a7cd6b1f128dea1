package dev.rolegate.it.stacks;

/** {@link ServerStackSuite} on embedded Tomcat 11 (test-apps/server-tomcat), hooked by the servlet instrumentation. */
class TomcatStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-tomcat", "testapp.tomcat.Main");
    }
}
