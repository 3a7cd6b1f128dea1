package dev.rolegate.it.stacks;

import java.util.List;

/** {@link ServerStackSuite} on Jetty 12 ee10 (test-apps/server-jetty12), hooked by the servlet instrumentation. */
class Jetty12StackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-jetty12", "testapp.jetty12.Main");
    }

    @Override
    protected boolean servesAsync() {
        return true;
    }

    @Override
    protected List<AmbiguousRequest> ambiguousRequests() {
        return AmbiguousRequest.accept(AmbiguousRequest.defaults(port()), "*",
                "Jetty 12 refuses GET * itself (400) and finds no context for OPTIONS * (404), before any"
                        + " servlet filter", 400, 404);
    }
}
