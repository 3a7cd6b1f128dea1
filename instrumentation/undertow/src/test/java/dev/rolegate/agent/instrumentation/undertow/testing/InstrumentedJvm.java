package dev.rolegate.agent.instrumentation.undertow.testing;

import dev.rolegate.agent.instrumentation.RolegateInstrumentation;
import dev.rolegate.bootstrap.RolegateBridge;
import net.bytebuddy.agent.ByteBuddyAgent;

/** Installs, once per test JVM, the {@link TestHooks} and every instrumentation, as the agent would. */
public final class InstrumentedJvm {
    private static final TestHooks HOOKS = new TestHooks();
    private static boolean installed;

    private InstrumentedJvm() {
    }

    /** The shared hooks, reset, with the instrumentation in place. */
    public static synchronized TestHooks hooks() {
        if (!installed) {
            RolegateBridge.install(HOOKS);
            RolegateInstrumentation.install(ByteBuddyAgent.install());
            installed = true;
        }
        HOOKS.reset();
        return HOOKS;
    }
}
