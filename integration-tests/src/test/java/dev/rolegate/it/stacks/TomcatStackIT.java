package dev.rolegate.it.stacks;

import java.util.List;

/** {@link ServerStackSuite} on embedded Tomcat 11 (test-apps/server-tomcat), hooked by the servlet instrumentation. */
class TomcatStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-tomcat", "testapp.tomcat.Main");
    }

    @Override
    protected boolean servesAsync() {
        return true;
    }

    @Override
    protected List<AmbiguousRequest> ambiguousRequests() {
        return tomcatAmbiguousRequests(port());
    }

    /** Tomcat's own answers where it handles a request target itself, before any filter or servlet. */
    static List<AmbiguousRequest> tomcatAmbiguousRequests(int port) {
        return AmbiguousRequest.answeredByTheServerItself(AmbiguousRequest.defaults(port), "OPTIONS", "*",
                "Tomcat's CoyoteAdapter answers OPTIONS * itself (200, an Allow header listing the methods it"
                        + " knows, no body) and never dispatches it to any filter or servlet: no hook and no"
                        + " application code runs, and no resource is named", 200);
    }
}
