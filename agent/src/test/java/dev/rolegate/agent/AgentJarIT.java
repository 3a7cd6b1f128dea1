package dev.rolegate.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** Inspects the built {@code rolegate-agent.jar}. */
class AgentJarIT {

    private static List<String> entries() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            return Collections.list(jar.entries()).stream().filter(e -> !e.isDirectory()).map(JarEntry::getName).toList();
        }
    }

    private static List<String> nestedEntries(String nested) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile());
             InputStream in = jar.getInputStream(jar.getEntry(nested));
             JarInputStream nestedJar = new JarInputStream(in)) {
            for (JarEntry e = nestedJar.getNextJarEntry(); e != null; e = nestedJar.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    names.add(e.getName());
                }
            }
        }
        return names;
    }

    @Test
    void holdsOnlyThePremainClassesAndMetaInfAtTheTopLevel() throws IOException {
        assertThat(entries()).allMatch(n -> n.startsWith("META-INF/") || n.matches("dev/rolegate/agent/[^/]+\\.class"))
                .contains("dev/rolegate/agent/Premain.class", "META-INF/rolegate/bootstrap.jar.bin",
                        "META-INF/rolegate/runtime.jar.bin");
    }

    @Test
    void manifestDeclaresPremainAndRetransformation() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.rolegate.agent.Premain");
            assertThat(m.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }

    @Test
    void nestedRuntimeHasEveryClassUnderTheAgentsOwnPackage() throws IOException {
        List<String> classes = nestedEntries("META-INF/rolegate/runtime.jar.bin").stream()
                .filter(n -> n.endsWith(".class")).toList();
        assertThat(classes).contains("dev/rolegate/agent/runtime/AgentRuntime.class",
                "dev/rolegate/agent/instrumentation/RolegateInstrumentation.class", "dev/rolegate/policy/CompiledPolicy.class");
        assertThat(classes).allMatch(n -> n.startsWith("dev/rolegate/"));
        assertThat(classes).anyMatch(n -> n.startsWith("dev/rolegate/shaded/net/bytebuddy/"))
                .anyMatch(n -> n.startsWith("dev/rolegate/shaded/com/nimbusds/"))
                .anyMatch(n -> n.startsWith("dev/rolegate/shaded/com/fasterxml/jackson/"));
        assertThat(classes).noneMatch(n -> n.startsWith("dev/rolegate/bootstrap/"));
    }

    @Test
    void nestedRuntimeHasNoUnrelocatedLibraryAnywhere() throws IOException {
        assertThat(nestedEntries("META-INF/rolegate/runtime.jar.bin")).noneMatch(n -> n.contains("net/bytebuddy/")
                && !n.contains("dev/rolegate/shaded/") || n.matches("(.*/)?(com/fasterxml|com/nimbusds|org/yaml|net/jcip|com/google)/.*")
                && !n.contains("dev/rolegate/shaded/"));
    }

    @Test
    void nestedBootstrapHoldsOnlyTheBridge() throws IOException {
        assertThat(nestedEntries("META-INF/rolegate/bootstrap.jar.bin").stream().filter(n -> n.endsWith(".class")))
                .isNotEmpty().allMatch(n -> n.startsWith("dev/rolegate/bootstrap/"));
    }
}
