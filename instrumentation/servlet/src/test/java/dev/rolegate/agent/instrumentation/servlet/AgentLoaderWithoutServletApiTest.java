package dev.rolegate.agent.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.agent.instrumentation.LibraryInstrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.junit.jupiter.api.Test;

/**
 * In the agent the instrumentation lives in a loader that does not see the servlet API (only the
 * application's loaders do): setting it up must not load any class that references that API.
 */
class AgentLoaderWithoutServletApiTest {

    @Test
    void instrumentationSetsUpInALoaderThatCannotSeeTheServletApi() throws Exception {
        URL[] agentClassPath = {
            Path.of("target", "classes").toUri().toURL(),
            AgentBuilder.class.getProtectionDomain().getCodeSource().getLocation(),
            LibraryInstrumentation.class.getProtectionDomain().getCodeSource().getLocation(),
        };
        try (URLClassLoader agentLoader = new URLClassLoader(agentClassPath, ClassLoader.getPlatformClassLoader())) {
            assertThat(agentLoader.getResource("jakarta/servlet/Servlet.class")).isNull();
            Class<?> type = Class.forName(ServletInstrumentation.class.getName(), true, agentLoader);
            Object instrumentation = type.getConstructor().newInstance();
            Class<?> builderType = Class.forName(AgentBuilder.class.getName(), true, agentLoader);
            Object builder = Class.forName(AgentBuilder.Default.class.getName(), true, agentLoader)
                    .getConstructor().newInstance();

            Object result = type.getMethod("instrument", builderType, java.lang.instrument.Instrumentation.class)
                    .invoke(instrumentation, builder, null);

            assertThat(result).isNotNull();
        }
    }
}
