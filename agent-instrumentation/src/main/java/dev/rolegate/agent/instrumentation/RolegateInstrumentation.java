package dev.rolegate.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.rolegate.agent.instrumentation.httpurlconnection.HttpUrlConnectionInstrumentation;
import dev.rolegate.agent.instrumentation.jdkhttpclient.JdkHttpClientInstrumentation;
import dev.rolegate.agent.instrumentation.jdkhttpserver.JdkHttpServerInstrumentation;
import dev.rolegate.bootstrap.RolegateBridge;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs every library instrumentation into the running JVM. Called once by the agent runtime,
 * after it has installed its hooks into {@link dev.rolegate.bootstrap.RolegateBridge}.
 *
 * <p>All libraries share one {@link AgentBuilder}, so the JVM runs one class file transformer and
 * retransforms the already loaded classes in one pass. Each library contributes its type matchers
 * and advice separately; a library whose set-up fails is reported and left out, and a class that
 * cannot be transformed is reported by the listener, never thrown.
 */
public final class RolegateInstrumentation {
    /** Type-pool entries kept per JDK class loader (boot and platform); other loaders cache nothing. */
    private static final int TYPE_POOL_CACHE_SIZE = 1024;

    private static final List<Library> LIBRARIES = List.of(
            new Library(JdkHttpClientInstrumentation.NAME, JdkHttpClientInstrumentation::types,
                    JdkHttpClientInstrumentation::instrument),
            new Library(HttpUrlConnectionInstrumentation.NAME, HttpUrlConnectionInstrumentation::types,
                    HttpUrlConnectionInstrumentation::instrument),
            new Library(JdkHttpServerInstrumentation.NAME, JdkHttpServerInstrumentation::types,
                    JdkHttpServerInstrumentation::instrument));

    private RolegateInstrumentation() {
    }

    /**
     * Installs all instrumentations (also retransforming classes already loaded). Never throws:
     * a library that cannot be instrumented is reported on stderr and skipped.
     *
     * @return a handle that undoes the installation (tests use it)
     */
    public static AutoCloseable install(Instrumentation instrumentation) {
        try {
            AgentBuilder builder = baseBuilder(instrumentation);
            ElementMatcher.Junction<TypeDescription> instrumentedTypes = none();
            for (Library library : libraries()) {
                try {
                    ElementMatcher.Junction<TypeDescription> types = library.types.get();
                    // AgentBuilder is immutable: a library that throws here leaves `builder` as it was.
                    builder = library.instrument.apply(builder, instrumentation);
                    instrumentedTypes = instrumentedTypes.or(types);
                } catch (Throwable t) {
                    report("library " + library.name + " is not instrumented", t);
                }
            }
            ResettableClassFileTransformer transformer = builder
                    .ignore(ignored(instrumentedTypes))
                    .installOn(instrumentation);
            return () -> transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        } catch (Throwable t) {
            report("instrumentation is not installed", t);
            return () -> { };
        }
    }

    /** The JDK libraries of this module, then every {@link LibraryInstrumentation} on the agent's class path. */
    static List<Library> libraries() {
        List<Library> all = new ArrayList<>(LIBRARIES);
        try {
            for (LibraryInstrumentation library : ServiceLoader.load(LibraryInstrumentation.class,
                    RolegateInstrumentation.class.getClassLoader())) {
                all.add(new Library(library.name(), library::types, library::instrument));
            }
        } catch (Throwable t) {
            report("library instrumentations could not be listed", t);
        }
        return all;
    }

    private static AgentBuilder baseBuilder(Instrumentation instrumentation) {
        StderrListener listener = new StderrListener();
        return withoutNexus(() -> new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED)))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with((AgentBuilder.RedefinitionStrategy.Listener) listener)
                // set after disableClassFormatChanges(), which would otherwise pick REDEFINE_FROZEN
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new BoundedPoolStrategy(TYPE_POOL_CACHE_SIZE))
                .with((AgentBuilder.Listener) listener)
                // Advice is inlined into JDK modules (java.base, java.net.http, jdk.httpserver) that do
                // not read the bootstrap loader's unnamed module where the bridge lives.
                .assureReadEdgeTo(instrumentation, RolegateBridge.class);
    }

    /**
     * Creates the builder with Byte Buddy's Nexus turned off. The {@code AgentBuilder.Default}
     * constructor sets up the self-injecting initialization strategy, whose Nexus support is
     * initialised eagerly: that initialisation generates an injector class with Byte Buddy and
     * resolves generic reflection data of {@code ClassLoader}, which a JFR/class-load trace showed
     * to be most of premain (over a second of interpreted code on a loaded 2-core machine). The
     * agent never uses it: {@code disableClassFormatChanges()} selects the no-op initialization
     * strategy and helpers are injected by {@link HelperInjector}. The switch is Byte Buddy's own
     * {@code <package>.nexus.disabled} property, named after the package Byte Buddy really lives in
     * (relocated in the agent jar, so the application's own Byte Buddy is never affected), and it is
     * put back as it was right after the constructor has run.
     */
    static <T> T withoutNexus(Supplier<T> create) {
        String property = ByteBuddy.class.getPackageName() + ".nexus.disabled";
        String previous = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            return create.get();
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

    /**
     * Byte Buddy's default ignore matcher skips every JDK class, and all our targets are JDK classes:
     * ignore the agent's own classes and Byte Buddy (relocated ones included, they live under
     * {@code dev.rolegate.}), and JDK classes other than the ones a library asked for. Name-based
     * only: with {@code POOL_ONLY} anything else would parse every loaded class, and fail on proxies
     * and generated accessors, which have no class file.
     */
    static ElementMatcher.Junction<TypeDescription> ignored(ElementMatcher<? super TypeDescription> instrumented) {
        ElementMatcher.Junction<TypeDescription> jdk = nameStartsWith("java.")
                .or(nameStartsWith("javax."))
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun."));
        return nameStartsWith("dev.rolegate.")
                .or(nameStartsWith("net.bytebuddy."))
                .or(jdk.and(not(instrumented)));
    }

    static void report(String what, Throwable t) {
        System.err.println("rolegate: " + what + ": " + t);
    }

    private static final class Library {
        final String name;
        final Supplier<ElementMatcher.Junction<TypeDescription>> types;
        final BiFunction<AgentBuilder, Instrumentation, AgentBuilder> instrument;

        Library(String name, Supplier<ElementMatcher.Junction<TypeDescription>> types,
                BiFunction<AgentBuilder, Instrumentation, AgentBuilder> instrument) {
            this.name = name;
            this.types = types;
            this.instrument = instrument;
        }
    }
}
