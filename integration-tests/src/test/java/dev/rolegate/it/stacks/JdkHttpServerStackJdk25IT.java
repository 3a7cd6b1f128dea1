package dev.rolegate.it.stacks;

import java.util.List;

/** {@link ServerStackSuite} on {@code com.sun.net.httpserver} under JDK 25 (skipped where it is missing). */
class JdkHttpServerStackJdk25IT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-jdk", "testapp.jdk.Main").onJdk25();
    }

    @Override
    protected List<AmbiguousRequest> ambiguousRequests() {
        return JdkHttpServerStackIT.jdkHttpServerAmbiguousRequests(port());
    }
}
