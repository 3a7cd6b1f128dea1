package dev.rolegate.agent.instrumentation.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.rolegate.agent.instrumentation.HelperInjector;
import dev.rolegate.agent.instrumentation.LibraryInstrumentation;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Inbound enforcement for Undertow's native {@code HttpHandler} API (undertow-core), and the first
 * decision for Undertow's servlet layer, which runs on top of it.
 *
 * <p>Hook point: {@code io.undertow.server.Connectors.executeRootHandler(HttpHandler,
 * HttpServerExchange)}, through which every protocol (HTTP/1.1, HTTP/2, AJP) hands a parsed request
 * to the server's root handler, before any application handler. A request can pass it more than
 * once ({@code exchange.dispatch(handler)} re-enters it on a worker thread), so the decision is
 * remembered on the exchange and made once. A stopped request gets a {@link DenyHandler} in place of
 * the root handler, so that Undertow ends the exchange (and drains the request body) as it would
 * after any handler. A request that passes carries {@code Rolegate-Decided} with this JVM's mark,
 * which tells the servlet layer's hook that it was decided already.
 *
 * <p>{@link UndertowGate} and {@link DenyHandler} are injected into the class loader that defined
 * Undertow; they reference only Undertow and the bootstrap bridge.
 */
public final class UndertowInstrumentation implements LibraryInstrumentation {
    static final String CONNECTORS = "io.undertow.server.Connectors";
    /**
     * Named, not referenced as classes: {@link DenyHandler} implements Undertow's {@code HttpHandler},
     * so loading it in the agent's loader (where Undertow is absent) fails before it could be injected.
     */
    private static final String[] HELPERS = {
        "dev.rolegate.agent.instrumentation.undertow.DenyHandler",
        "dev.rolegate.agent.instrumentation.undertow.UndertowGate",
    };

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return named(CONNECTORS);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        return builder
                .type(named(CONNECTORS))
                .transform(HelperInjector.named(instrumentation,
                        ClassFileLocator.ForClassLoader.of(UndertowInstrumentation.class.getClassLoader()), HELPERS)
                        .failClosed())
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(UndertowInstrumentation.class.getClassLoader())
                        .advice(named("executeRootHandler").and(isStatic()).and(takesArguments(2))
                                        .and(takesArgument(0, named("io.undertow.server.HttpHandler")))
                                        .and(takesArgument(1, named("io.undertow.server.HttpServerExchange"))),
                                RootHandlerAdvice.class.getName()));
    }
}
