package dev.rolegate.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.rolegate.agent.instrumentation.HelperInjector;
import dev.rolegate.agent.instrumentation.LibraryInstrumentation;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Inbound enforcement for Servlet containers, {@code jakarta.servlet} (Tomcat 10+, Jetty 12 ee10,
 * Undertow 2.3, Spring Boot 3/4) and {@code javax.servlet} (Jetty 9, Tomcat 9, Spring Boot 2).
 *
 * <p>Hook point: the entry of every {@code Filter.doFilter(ServletRequest, ServletResponse,
 * FilterChain)} and {@code Servlet.service(ServletRequest, ServletResponse)} that has a body (so the
 * API's own {@code HttpServlet.service} and {@code HttpFilter.doFilter} too). The first of them that
 * a request reaches is the container's call into the application, before any application filter,
 * Spring Security's included; it decides the request, and a request attribute makes every later
 * entry (the rest of the chain, forward, include, async and error dispatches) a no-op apart from
 * keeping the application's view gated. A refusal is written and committed there and the method is
 * skipped, so the chain never runs; a request let through continues as a {@link GatedRequest}.
 *
 * <p>The decision is made on the path the container routes (context path + servlet path + path
 * info, decoded), after the raw {@code getRequestURI()} has been checked for ambiguity.
 *
 * <p>The advice and helpers are written once, against jakarta; the javax variant is the same class
 * files remapped (see {@link JavaxClassFileLocator}).
 */
public final class ServletInstrumentation implements LibraryInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "servlet";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The javax API's own classes ({@code javax.servlet.http.HttpServlet} and friends) are under a
     * JDK-looking name that the agent ignores unless listed here; jakarta and application classes
     * need no exemption.
     */
    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return nameStartsWith("javax.servlet.");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(ServletInstrumentation.class.getClassLoader());
        AgentBuilder result = builder;
        for (ServletApi api : ServletApi.values()) {
            ClassFileLocator locator = api.locator(agentClasses);
            result = result.type(api.entryTypes())
                    .transform(HelperInjector.named(instrumentation, locator, api.helpers()).failClosed())
                    .transform(new AgentBuilder.Transformer.ForAdvice()
                            .include(locator)
                            .advice(api.entryMethods(), api.ours(ServletApi.ADVICE)));
        }
        return result;
    }
}
