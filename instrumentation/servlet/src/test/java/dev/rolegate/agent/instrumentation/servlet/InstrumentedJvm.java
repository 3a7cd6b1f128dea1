package dev.rolegate.agent.instrumentation.servlet;

import dev.rolegate.agent.instrumentation.RolegateInstrumentation;
import dev.rolegate.bootstrap.RolegateBridge;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs, once per test JVM, what the agent runtime would: {@link RecordingHooks} into the bridge
 * and every instrumentation (this module's found through ServiceLoader) through a self-attached agent.
 */
final class InstrumentedJvm {
    private static final RecordingHooks HOOKS = new RecordingHooks();
    private static boolean installed;

    private InstrumentedJvm() {
    }

    /** The shared hooks, reset, with the instrumentation in place. */
    static synchronized RecordingHooks hooks() {
        if (!installed) {
            RolegateBridge.install(HOOKS);
            RolegateInstrumentation.install(ByteBuddyAgent.install());
            installed = true;
        }
        HOOKS.reset();
        return HOOKS;
    }
}
