package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The two extra JVMs of a stack that no request may ever pass, so that ServerStackSuite can prove the
 * agent fails closed (CONTRACT section 5, row 1, and DESIGN "fail closed"):
 * <ul>
 *   <li>{@link #withoutPolicy()}: enforce mode, the policy server address names a port nobody listens
 *       on, and the cache directory is empty, so no policy is ever loaded (every request 503);</li>
 *   <li>{@link #withFault()}: the real policy server, but with the test-only fault of agent-runtime's
 *       {@code TestFault} ({@code -Drolegate.test.inject-fault=inbound}), so every inbound decision
 *       throws inside the agent (every request 500).</li>
 * </ul>
 * Both are started at once, so that the suite pays about one extra start-up per stack, not two
 * (the fault property is read once, when the agent starts, so it needs a JVM of its own).
 */
final class FailClosedApps implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("^READY\\b");
    /** The test-only system property and value of agent-runtime's TestFault. */
    static final String FAULT_OPTION = "-Drolegate.test.inject-fault=inbound";

    private final JavaProcess withoutPolicy;
    private final int withoutPolicyPort;
    private final JavaProcess withFault;
    private final int withFaultPort;

    private FailClosedApps(JavaProcess withoutPolicy, int withoutPolicyPort, JavaProcess withFault, int withFaultPort) {
        this.withoutPolicy = withoutPolicy;
        this.withoutPolicyPort = withoutPolicyPort;
        this.withFault = withFault;
        this.withFaultPort = withFaultPort;
    }

    /** Starts both JVMs of {@code stack} and waits until both print READY. */
    static FailClosedApps start(StackApp stack, PolicyServerProcess server, Path dir, Map<String, String> appEnvironment,
                                Duration startupTimeout) {
        Path emptyCache = dir.resolve("empty-cache");
        try {
            Files.createDirectories(emptyCache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String nobodyListens = "http://127.0.0.1:" + FreePorts.next();
        int withoutPolicyPort = FreePorts.next();
        JavaProcess withoutPolicy = stack.withAgent(stack.displayName() + "-no-policy")
                .env(AgentSettings.as("app", nobodyListens)
                        .secret("no-server-will-check-this")
                        .cacheDir(emptyCache)
                        .env())
                .env(appEnvironment)
                .env("PORT", Integer.toString(withoutPolicyPort))
                .start();
        int withFaultPort = FreePorts.next();
        JavaProcess withFault;
        try {
            withFault = stack.withAgent(stack.displayName() + "-fault")
                    .env(server.agentFor("app").env())
                    .env(appEnvironment)
                    .env("JAVA_TOOL_OPTIONS", FAULT_OPTION)
                    .env("PORT", Integer.toString(withFaultPort))
                    .start();
        } catch (RuntimeException e) {
            withoutPolicy.close();
            throw e;
        }
        FailClosedApps apps = new FailClosedApps(withoutPolicy, withoutPolicyPort, withFault, withFaultPort);
        try {
            withoutPolicy.awaitStdout(READY, startupTimeout);
            withFault.awaitStdout(READY, startupTimeout);
        } catch (RuntimeException | AssertionError e) {
            apps.close();
            throw e;
        }
        return apps;
    }

    JavaProcess withoutPolicy() {
        return withoutPolicy;
    }

    String withoutPolicyUrl() {
        return "http://127.0.0.1:" + withoutPolicyPort;
    }

    JavaProcess withFault() {
        return withFault;
    }

    String withFaultUrl() {
        return "http://127.0.0.1:" + withFaultPort;
    }

    /**
     * Stops {@code app}, so that everything it printed has been read, and fails if any application code
     * (a FILTER or HANDLED line) ever ran in it: no request may pass in these JVMs, not even a public one.
     */
    static void assertNoApplicationCodeEverRanIn(JavaProcess app) {
        app.close();
        assertThat(app.stdout().snapshot()).as("lines printed by %s, in which no request may ever pass", app.name())
                .noneMatch(line -> line.startsWith("HANDLED ") || line.startsWith("FILTER "));
    }

    @Override
    public void close() {
        withoutPolicy.close();
        withFault.close();
    }
}
