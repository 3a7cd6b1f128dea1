package dev.rolegate.it.stacks;

import java.util.List;

/** {@link ServerStackSuite} on {@code com.sun.net.httpserver} (test-apps/server-jdk). */
class JdkHttpServerStackIT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-jdk", "testapp.jdk.Main");
    }

    @Override
    protected List<AmbiguousRequest> ambiguousRequests() {
        return jdkHttpServerAmbiguousRequests(port());
    }

    /** The JDK HttpServer's own answers where it refuses a target before any filter or hook runs. */
    static List<AmbiguousRequest> jdkHttpServerAmbiguousRequests(int port) {
        List<AmbiguousRequest> table = AmbiguousRequest.accept(AmbiguousRequest.defaults(port), "//items",
                "java.net.URI reads //items as an authority with an empty path, which no context matches:"
                        + " the server answers 404 itself before the filter chain (and so before the agent)",
                404);
        return AmbiguousRequest.accept(table, "*",
                "the asterisk-form target * has no path, so no context matches it: the server answers 404"
                        + " itself (GET and OPTIONS alike) before the filter chain", 404);
    }
}
