package dev.rolegate.agent.instrumentation;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * A transformer that defines helper classes (code that advice calls and that names the library's
 * own types) in the class loader of each type it transforms, before that type's advice can run.
 *
 * <p>Why not {@code ForAdvice.auxiliary(...)}: the shared builder disables class format changes,
 * which selects Byte Buddy's no-op initialization strategy, and that strategy never injects
 * auxiliary types; the advice would then fail with {@code NoClassDefFoundError} in the application.
 * Put this transformer before the advice transformer.
 *
 * <p>What a failed injection does depends on the direction, because the two fail safe in opposite
 * ways. Outbound ({@link #of}, {@link #named}): it throws, Byte Buddy reports the error and the type
 * stays untransformed, so calls go out without a token (the receiver refuses them). Inbound
 * ({@link #failClosed()}): it logs one line and lets the advice be applied anyway; the advice then
 * fails with {@code NoClassDefFoundError} before the application's handler runs, which refuses the
 * request instead of leaving the server unchecked.
 *
 * <p>Defines classes through {@code ClassLoader.defineClass}, made accessible by opening
 * {@code java.lang} to the agent's module through {@link Instrumentation} (no {@code Unsafe}, so
 * no warnings on JDK 24+). Loaders are remembered weakly: nothing pins an application loader.
 */
public final class HelperInjector implements AgentBuilder.Transformer {
    private final Instrumentation instrumentation;
    private final ClassFileLocator classFiles;
    private final List<String> names;
    private final boolean failClosed;
    private final Map<ClassLoader, Boolean> injected = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile Method defineClass;
    private volatile Method findLoadedClass;

    private HelperInjector(Instrumentation instrumentation, ClassFileLocator classFiles, List<String> names,
                           boolean failClosed) {
        this.instrumentation = instrumentation;
        this.classFiles = classFiles;
        this.names = names;
        this.failClosed = failClosed;
    }

    /**
     * Injects {@code helpers} (classes of the calling instrumentation module, in an order where no
     * class's super type comes after it) into every loader whose types this transformer visits.
     */
    public static HelperInjector of(Instrumentation instrumentation, Class<?>... helpers) {
        List<String> names = new ArrayList<>();
        for (Class<?> helper : helpers) {
            names.add(helper.getName());
        }
        return new HelperInjector(instrumentation, ClassFileLocator.ForClassLoader.of(helpers[0].getClassLoader()),
                List.copyOf(names), false);
    }

    /**
     * Like {@link #of(Instrumentation, Class[])}, for helpers that cannot be loaded in the agent's
     * own loader: a helper that extends a library type (a Netty {@code ChannelHandler}, an Undertow
     * {@code HttpHandler}) fails there with {@code NoClassDefFoundError}, because the library is
     * only on the application's class path. Such helpers are named, never touched as classes.
     *
     * @param classFiles where the helpers' class files are read (the instrumentation's own loader,
     *                   or a locator that derives them, like the servlet module's javax variant)
     * @param names      binary names, super types first
     */
    public static HelperInjector named(Instrumentation instrumentation, ClassFileLocator classFiles,
                                       String... names) {
        return new HelperInjector(instrumentation, classFiles, List.of(names), false);
    }

    /** This injector for an inbound (enforcement) hook: see the class comment. */
    public HelperInjector failClosed() {
        return new HelperInjector(instrumentation, classFiles, names, true);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader loader, JavaModule module, ProtectionDomain domain) {
        if (loader == null) {
            throw new IllegalStateException("helpers cannot be injected into the bootstrap loader");
        }
        if (!injected.containsKey(loader)) {
            try {
                inject(loader, domain);
                injected.put(loader, Boolean.TRUE);
            } catch (RuntimeException e) {
                if (!failClosed) {
                    throw e;
                }
                System.err.println("rolegate: cannot inject helper classes into " + loader + "; requests through "
                        + type.getName() + " will be refused: " + e.getCause());
            }
        }
        return builder;
    }

    private void inject(ClassLoader loader, ProtectionDomain domain) {
        // One lock for all injectors: two libraries may share a helper and a loader.
        synchronized (HelperInjector.class) {
            injectLocked(loader, domain);
        }
    }

    private void injectLocked(ClassLoader loader, ProtectionDomain domain) {
        try {
            openJavaLang();
            for (String name : names) {
                if (findLoadedClass.invoke(loader, name) == null) {
                    byte[] bytes = classFiles.locate(name).resolve();
                    defineClass.invoke(loader, name, bytes, 0, bytes.length, domain);
                }
            }
        } catch (ReflectiveOperationException | IOException | IllegalStateException e) {
            throw new IllegalStateException("cannot inject helper classes " + names, e);
        }
    }

    private void openJavaLang() throws NoSuchMethodException {
        if (defineClass != null) {
            return;
        }
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("java.lang", Set.of(HelperInjector.class.getModule())), Set.of(), Map.of());
        Method find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        find.setAccessible(true);
        Method define = ClassLoader.class.getDeclaredMethod("defineClass",
                String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
        define.setAccessible(true);
        findLoadedClass = find;
        defineClass = define;
    }
}
