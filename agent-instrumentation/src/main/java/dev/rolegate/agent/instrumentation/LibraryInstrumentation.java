package dev.rolegate.agent.instrumentation;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One hooked library family, contributed by its own module under {@code instrumentation/} and found
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.rolegate.agent.instrumentation.LibraryInstrumentation}).
 * Implementations need a public no-argument constructor.
 *
 * <p>Advice that references the library's own types must be applied with
 * {@link AgentBuilder.Transformer.ForAdvice} including this module's class loader (the agent's own
 * loader), and helper classes the advice instantiates (wrappers, handlers) must be injected into the
 * application's loader with {@code ForAdvice.auxiliary(...)}: they can reference the library and the
 * bootstrap bridge, nothing else of the agent.
 */
public interface LibraryInstrumentation {

    /** Short name used in reports, such as {@code servlet} or {@code okhttp}. */
    String name();

    /**
     * The types this library transforms, by name where possible. Used to exempt them from the
     * JDK-wide ignore rule; matchers for application types need not be listed.
     */
    ElementMatcher.Junction<TypeDescription> types();

    /** Adds this library's transformations to {@code builder} (immutable: return the new one). */
    AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation);
}
