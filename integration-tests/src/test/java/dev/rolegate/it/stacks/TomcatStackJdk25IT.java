package dev.rolegate.it.stacks;

import java.util.List;

/** {@link ServerStackSuite} on embedded Tomcat 11 under JDK 25 (skipped where it is missing). */
class TomcatStackJdk25IT extends ServerStackSuite {
    @Override
    protected StackApp app() {
        return StackApp.of("server-tomcat", "testapp.tomcat.Main").onJdk25();
    }

    @Override
    protected boolean servesAsync() {
        return true;
    }

    @Override
    protected List<AmbiguousRequest> ambiguousRequests() {
        return TomcatStackIT.tomcatAmbiguousRequests(port());
    }
}
