package dev.rolegate.agent.instrumentation.servlet;

import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.utility.JavaModule;

/**
 * Defines the helper classes that inlined advice calls in the class loader of each instrumented
 * type, once per loader. Done here rather than with {@code ForAdvice.auxiliary(...)} because the
 * agent disables class format changes, whose initialization strategy never injects auxiliary types.
 *
 * <p>Loaders are held weakly, so no application class loader is pinned. If injection fails the
 * transformation still applies: the advice then fails with a {@link NoClassDefFoundError} before the
 * filter or servlet runs, which refuses the request (fail closed) instead of leaving it unchecked.
 */
final class HelperInjector implements AgentBuilder.Transformer {
    private final ClassFileLocator locator;
    private final Set<String> helpers;
    private final Map<ClassLoader, Boolean> injected = Collections.synchronizedMap(new WeakHashMap<>());

    HelperInjector(ServletApi api, ClassFileLocator locator) {
        this.locator = locator;
        Set<String> names = new LinkedHashSet<>();
        for (String helper : ServletApi.HELPERS) {
            names.add(api.ours(helper));
        }
        this.helpers = Collections.unmodifiableSet(names);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader loader, JavaModule module, ProtectionDomain domain) {
        if (loader != null && !injected.containsKey(loader)) {
            try {
                injector(loader, domain).injectRaw(helpers, locator);
                injected.put(loader, Boolean.TRUE);
            } catch (RuntimeException | LinkageError e) {
                System.err.println("rolegate: cannot inject servlet helpers into " + loader
                        + "; requests through " + type.getName() + " will be refused: " + e);
            }
        }
        return builder;
    }

    private static ClassInjector injector(ClassLoader loader, ProtectionDomain domain) {
        return ClassInjector.UsingReflection.isAvailable()
                ? new ClassInjector.UsingReflection(loader, domain)
                : AgentBuilder.InjectionStrategy.UsingUnsafe.INSTANCE.resolve(loader, domain);
    }
}
