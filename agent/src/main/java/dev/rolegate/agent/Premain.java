package dev.rolegate.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Locale;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point, and the only class of the agent on the application's class
 * path (with {@link NestedJars}). Deliberately tiny and JDK-only: it decides whether to act at all,
 * unpacks the two nested jars, puts the bridge on the bootstrap class path, tells the bridge to
 * fail closed until the runtime is ready, and starts the runtime in a class loader of its own whose
 * parent is the platform loader, so the application's libraries and the agent's never meet.
 *
 * <p>Never throws into the JVM and never touches the network (the runtime does that on its own
 * threads).
 */
public final class Premain {
    static final String RUNTIME_CLASS = "dev.rolegate.agent.runtime.AgentRuntime";
    static final String BRIDGE_CLASS = "dev.rolegate.bootstrap.RolegateBridge";
    /** The name of the agent's class loader, which instrumentation ignore lists can match on. */
    public static final String LOADER_NAME = "rolegate-agent";

    private static boolean started;

    private Premain() {
    }

    public static void premain(String agentArgs, Instrumentation inst) {
        long t0 = System.nanoTime();
        try {
            start(agentArgs, inst, t0);
        } catch (Throwable t) {
            System.err.println("rolegate: ERROR the agent could not start (" + t + "); the application runs without it");
        }
    }

    /** Dynamic attach: same as {@link #premain}. */
    public static void agentmain(String agentArgs, Instrumentation inst) {
        premain(agentArgs, inst);
    }

    private static synchronized void start(String agentArgs, Instrumentation inst, long t0) throws Exception {
        if (started) {
            return;
        }
        started = true;
        String identity = setting("ROLEGATE_IDENTITY", "rolegate.identity");
        if (identity == null) {
            System.err.println("rolegate: WARNING ROLEGATE_IDENTITY is not set; the agent does nothing (no tokens, no checks)");
            return;
        }
        String mode = setting("ROLEGATE_MODE", "rolegate.mode");
        if (mode != null && mode.trim().toLowerCase(Locale.ROOT).equals("off")) {
            System.err.println("rolegate: ROLEGATE_MODE=off; the agent does nothing (no tokens, no checks)");
            return;
        }
        String tokenHeader = setting("ROLEGATE_TOKEN_HEADER", "rolegate.token.header");

        NestedJars jars = NestedJars.extract(Premain.class);
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jars.bootstrap().toFile()));
        // From here on inbound requests are refused until the runtime has installed its hooks.
        Class<?> bridge = Class.forName(BRIDGE_CLASS, true, null);
        bridge.getMethod("expectEnforcement", String.class).invoke(null, tokenHeader == null ? null : tokenHeader.trim());

        ClassLoader loader = new URLClassLoader(LOADER_NAME, new URL[] {jars.runtime().toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            Class<?> runtime = Class.forName(RUNTIME_CLASS, true, loader);
            Method start = runtime.getMethod("start", Instrumentation.class, String.class, long.class);
            start.invoke(null, inst, agentArgs, t0);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** The system property if set, else the environment variable; blank counts as unset. */
    static String setting(String env, String property) {
        String p = System.getProperty(property);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv(env);
        return e == null || e.isBlank() ? null : e;
    }
}
