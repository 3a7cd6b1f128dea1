package dev.rolegate.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One of the two servlet APIs the instrumentation serves: the package it lives in, and where the
 * advice and helpers for it come from (compiled for jakarta; remapped for javax).
 */
enum ServletApi {
    JAKARTA("jakarta.servlet") {
        @Override
        String ours(String simpleName) {
            return JavaxClassFileLocator.BASE_PACKAGE + simpleName;
        }

        @Override
        ClassFileLocator locator(ClassFileLocator agentClasses) {
            return agentClasses;
        }
    },
    JAVAX("javax.servlet") {
        @Override
        String ours(String simpleName) {
            return JavaxClassFileLocator.JAVAX_PACKAGE + simpleName;
        }

        @Override
        ClassFileLocator locator(ClassFileLocator agentClasses) {
            // The agent's own classes stay reachable: describing the advice needs the (relocated)
            // Byte Buddy annotations it carries, which the application's loader does not have.
            return new ClassFileLocator.Compound(new JavaxClassFileLocator(agentClasses), agentClasses);
        }
    };

    /**
     * Simple names of the classes injected into the application's loader (none has nested or
     * anonymous classes). Names, not class literals: the agent's own loader cannot load them, since
     * it does not see the servlet API.
     */
    static final List<String> HELPERS = List.of("GatedRequest", "ServletGate");

    /** Simple name of the advice class. */
    static final String ADVICE = "ServletEntryAdvice";

    private final String apiPackage;

    ServletApi(String apiPackage) {
        this.apiPackage = apiPackage;
    }

    /** The name under which one of this package's classes (by simple name) exists for this API. */
    abstract String ours(String simpleName);

    /** This API's variant of {@link #HELPERS}, in injection order. */
    String[] helpers() {
        return HELPERS.stream().map(this::ours).toArray(String[]::new);
    }

    /** Finds this API's variant of the advice and helpers, given the agent's own class files. */
    abstract ClassFileLocator locator(ClassFileLocator agentClasses);

    private String api(String simpleName) {
        return apiPackage + "." + simpleName;
    }

    /**
     * Classes that declare a servlet entry method and are a Filter or a Servlet. The method check
     * looks at the class's own declared methods by name and parameter type names, so the costly
     * super-type walk only runs for the few classes that could be entries.
     */
    ElementMatcher.Junction<TypeDescription> entryTypes() {
        return not(isInterface())
                .and(declaresMethod(entryMethods()))
                .and(hasSuperType(named(api("Filter")).or(named(api("Servlet")))));
    }

    /**
     * {@code doFilter(ServletRequest, ServletResponse, FilterChain)} and
     * {@code service(ServletRequest, ServletResponse)}, with a body.
     */
    ElementMatcher.Junction<MethodDescription> entryMethods() {
        ElementMatcher.Junction<MethodDescription> requestResponse = takesArgument(0, named(api("ServletRequest")))
                .and(takesArgument(1, named(api("ServletResponse"))));
        return isPublic().and(not(isAbstract())).and(requestResponse).and(
                named("doFilter").and(takesArguments(3)).and(takesArgument(2, named(api("FilterChain"))))
                        .or(named("service").and(takesArguments(2))));
    }
}
