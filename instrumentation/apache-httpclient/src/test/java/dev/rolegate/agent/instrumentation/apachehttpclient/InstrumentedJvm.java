package dev.rolegate.agent.instrumentation.apachehttpclient;

import dev.rolegate.agent.instrumentation.RolegateInstrumentation;
import dev.rolegate.bootstrap.RolegateBridge;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs, once per test JVM, what the agent runtime would: the {@link RecordingHooks} into the
 * bridge and the instrumentation into the JVM (through a self-attached agent).
 */
public final class InstrumentedJvm {
    private static final RecordingHooks HOOKS = new RecordingHooks();
    private static boolean installed;

    private InstrumentedJvm() {
    }

    /** The shared hooks, reset, with the instrumentation in place. */
    public static synchronized RecordingHooks hooks() {
        if (!installed) {
            RolegateBridge.install(HOOKS);
            RolegateInstrumentation.install(ByteBuddyAgent.install());
            installed = true;
        }
        HOOKS.reset();
        return HOOKS;
    }
}
