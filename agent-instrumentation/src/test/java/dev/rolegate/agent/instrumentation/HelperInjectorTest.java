package dev.rolegate.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.agent.instrumentation.helperfixture.InjectedHelper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

class HelperInjectorTest {
    private static final String HELPER = "dev.rolegate.agent.instrumentation.helperfixture.InjectedHelper";
    private static final Instrumentation INSTRUMENTATION = ByteBuddyAgent.install();
    private static final TypeDescription TRANSFORMED = TypeDescription.ForLoadedType.of(Object.class);

    /** A loader like an application's that neither sees the agent's classes nor has the helper. */
    private static URLClassLoader applicationLoader() {
        return new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
    }

    @Test
    void definesNamedHelpersInTheLoaderOfTheTransformedTypeOnce() throws Exception {
        ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(InjectedHelper.class.getClassLoader());
        HelperInjector injector = HelperInjector.named(INSTRUMENTATION, agentClasses, HELPER);
        try (URLClassLoader loader = applicationLoader()) {
            assertThatThrownBy(() -> loader.loadClass(HELPER)).isInstanceOf(ClassNotFoundException.class);

            injector.transform(null, TRANSFORMED, loader, null, null);
            injector.transform(null, TRANSFORMED, loader, null, null);

            Class<?> injected = loader.loadClass(HELPER);
            assertThat(injected.getClassLoader()).isSameAs(loader);
            assertThat(injected.getMethod("greeting").invoke(null)).isEqualTo("injected");
        }
    }

    @Test
    void outboundInjectorThrowsSoThatTheTypeStaysUntransformed() throws Exception {
        HelperInjector injector = HelperInjector.named(INSTRUMENTATION,
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()), "dev.rolegate.NoSuchHelper");
        try (URLClassLoader loader = applicationLoader()) {
            assertThatThrownBy(() -> injector.transform(null, TRANSFORMED, loader, null, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dev.rolegate.NoSuchHelper");
        }
    }

    @Test
    void inboundInjectorReportsTheFailureAndLetsTheAdviceBeAppliedSoRequestsAreRefused() throws Exception {
        HelperInjector injector = HelperInjector.named(INSTRUMENTATION,
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()), "dev.rolegate.NoSuchHelper")
                .failClosed();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = applicationLoader()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            injector.transform(null, TRANSFORMED, loader, null, null);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("cannot inject helper classes")
                .contains("requests through java.lang.Object will be refused");
    }
}
