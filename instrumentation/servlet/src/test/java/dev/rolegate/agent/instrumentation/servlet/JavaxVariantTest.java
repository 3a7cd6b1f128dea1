package dev.rolegate.agent.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import org.junit.jupiter.api.Test;

/** The javax.servlet variant derived from the jakarta classes by {@link JavaxClassFileLocator}. */
class JavaxVariantTest {
    private final JavaxClassFileLocator locator = new JavaxClassFileLocator(
            ClassFileLocator.ForClassLoader.of(ServletInstrumentation.class.getClassLoader()));

    private static String javaxName(Class<?> original) {
        return JavaxClassFileLocator.JAVAX_PACKAGE + original.getSimpleName();
    }

    private byte[] derived(Class<?> original) throws Exception {
        return locator.locate(javaxName(original)).resolve();
    }

    @Test
    void derivedClassesNoLongerReferenceTheJakartaApi() throws Exception {
        for (Class<?> type : new Class<?>[] {ServletEntryAdvice.class, ServletGate.class, GatedRequest.class}) {
            String classFile = new String(derived(type), StandardCharsets.ISO_8859_1);
            assertThat(classFile).as(type.getSimpleName()).doesNotContain("jakarta/servlet").contains("javax/servlet/");
        }
    }

    @Test
    void derivedHelpersLinkAgainstTheRealJavaxApi() throws Exception {
        Map<String, byte[]> types = new HashMap<>();
        for (String helper : ServletApi.HELPERS) {
            types.put(JavaxClassFileLocator.JAVAX_PACKAGE + helper,
                    locator.locate(JavaxClassFileLocator.JAVAX_PACKAGE + helper).resolve());
        }
        ClassLoader loader = new ByteArrayClassLoader(getClass().getClassLoader(), types,
                ByteArrayClassLoader.PersistenceHandler.MANIFEST);

        Class<?> request = Class.forName(javaxName(GatedRequest.class), true, loader);
        Class<?> gate = Class.forName(javaxName(ServletGate.class), true, loader);

        assertThat(request.getSuperclass().getName()).isEqualTo("javax.servlet.http.HttpServletRequestWrapper");
        assertThat(gate.getMethod("enter", javax.servlet.ServletRequest.class, javax.servlet.ServletResponse.class)
                .getReturnType()).isEqualTo(javax.servlet.ServletRequest.class);
        // Resolving every declared signature fails if any type in them is missing.
        assertThat(request.getDeclaredMethods()).isNotEmpty();
        assertThat(gate.getDeclaredMethods()).isNotEmpty();
    }

    @Test
    void javaxAdviceCanBeReadFromTheApiLocatorAlone() throws Exception {
        // In the agent the application's loader knows neither this package nor Byte Buddy's
        // annotations: the API's locator must provide both for the advice to be recognised.
        ClassFileLocator apiLocator = ServletApi.JAVAX.locator(
                ClassFileLocator.ForClassLoader.of(ServletInstrumentation.class.getClassLoader()));
        TypeDescription advice = TypePool.Default.of(apiLocator)
                .describe(ServletApi.JAVAX.ours(ServletApi.ADVICE)).resolve();

        assertThat(Advice.to(advice, apiLocator)).isNotNull();
    }

    @Test
    void onlyThisPackagesJavaxNamesAreServed() throws Exception {
        assertThat(locator.locate("dev.rolegate.agent.instrumentation.servlet.ServletGate").isResolved()).isFalse();
        assertThat(locator.locate(JavaxClassFileLocator.JAVAX_PACKAGE + "Missing").isResolved()).isFalse();
    }

}
