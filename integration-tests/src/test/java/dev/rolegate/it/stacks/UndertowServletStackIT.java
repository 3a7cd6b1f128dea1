package dev.rolegate.it.stacks;

/**
 * {@link ServerStackSuite} on Undertow's servlet container (test-apps/server-undertow-servlet): the
 * native Undertow hook decides first where it applies, and the servlet hook honours its mark.
 */
class UndertowServletStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-undertow-servlet", "testapp.undertowservlet.Main");
    }

    @Override
    protected boolean servesAsync() {
        return true;
    }
}
