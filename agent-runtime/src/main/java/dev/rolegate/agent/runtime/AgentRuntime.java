package dev.rolegate.agent.runtime;

import dev.rolegate.agent.instrumentation.RolegateInstrumentation;
import dev.rolegate.agent.runtime.config.AgentConfig;
import dev.rolegate.bootstrap.RolegateBridge;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The runtime's entry point, called reflectively by the agent's premain inside the agent's own
 * class loader. Reads the configuration, installs the hooks into the bridge, then the
 * instrumentation, then starts the background threads. Never throws and never touches the network
 * on the calling thread.
 */
public final class AgentRuntime {
    private static RuntimeComponents started;

    private AgentRuntime() {
    }

    /** Starts the agent runtime (once per JVM). */
    public static void start(Instrumentation instrumentation, String agentArgs) {
        start(instrumentation, agentArgs, System.nanoTime());
    }

    /**
     * Starts the agent runtime (once per JVM).
     *
     * @param premainStartNanos {@link System#nanoTime()} when premain began, to report the start-up cost
     */
    public static synchronized void start(Instrumentation instrumentation, String agentArgs, long premainStartNanos) {
        if (started != null) {
            return;
        }
        try {
            PrintStream originalStdout = System.out;
            AgentConfig config = AgentConfig.fromEnvironment();
            config.errors().forEach(Log::line);
            config.warnings().forEach(Log::line);
            if (!config.active()) {
                return;
            }
            long runtimeStart = System.nanoTime();
            RuntimeComponents c = RuntimeComponents.create(config, originalStdout);
            started = c;
            RolegateBridge.install(c.hooks());
            long instrumentationStart = System.nanoTime();
            installInstrumentation(instrumentation);
            long instrumentationMillis = (System.nanoTime() - instrumentationStart) / 1_000_000;
            c.startBackground();
            Runtime.getRuntime().addShutdownHook(Threads.daemon("rolegate-shutdown", c::shutdown));
            long millis = (System.nanoTime() - premainStartNanos) / 1_000_000;
            Log.line("agent " + version() + " identity=" + config.identity()
                    + " mode=" + (config.mode() == null ? "invalid (failing closed)" : config.mode().wireName())
                    + " server=" + config.servers().stream().map(Object::toString).collect(Collectors.joining(","))
                    + " (premain took " + millis + " ms: unpacking and loading " + (runtimeStart - premainStartNanos) / 1_000_000
                    + " ms, instrumentation " + instrumentationMillis + " ms)");
        } catch (Throwable t) {
            Log.line("ERROR the agent runtime failed to start (" + t + "); inbound calls are refused (503) where the"
                    + " agent is attached");
        }
    }

    private static void installInstrumentation(Instrumentation instrumentation) {
        try {
            RolegateInstrumentation.install(instrumentation);
        } catch (Throwable t) {
            Log.line("ERROR could not install the HTTP instrumentation (" + t + "); requests are neither checked nor"
                    + " given tokens");
        }
    }

    /** The agent version, from the build. */
    static String version() {
        try (InputStream in = AgentRuntime.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
