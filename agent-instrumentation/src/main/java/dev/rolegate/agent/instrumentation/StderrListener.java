package dev.rolegate.agent.instrumentation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/**
 * Reports, one line each on stderr, the classes that could not be transformed and the retransform
 * batches the JVM rejected. Never throws and never retries: an agent must not take the application
 * down because one library could not be instrumented.
 */
final class StderrListener extends AgentBuilder.Listener.Adapter implements AgentBuilder.RedefinitionStrategy.Listener {

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
        RolegateInstrumentation.report("could not instrument " + typeName, throwable);
    }

    @Override
    public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
        // nothing to report
    }

    @Override
    public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                                                       List<Class<?>> types) {
        RolegateInstrumentation.report("could not retransform " + batch, throwable);
        return Collections.emptyList();
    }

    @Override
    public void onComplete(int amount, List<Class<?>> types, Map<List<Class<?>>, Throwable> failures) {
        // failures were reported one by one in onError
    }
}
