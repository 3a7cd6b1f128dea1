package dev.rolegate.it.stacks;

/** {@link ServerStackSuite} on embedded Tomcat 11 under JDK 25 (skipped where it is missing). */
class TomcatStackJdk25IT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-tomcat", "testapp.tomcat.Main").onJdk25();
    }
}
