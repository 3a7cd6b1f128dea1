package dev.rolegate.agent.instrumentation.helperfixture;

/** A helper class that {@code HelperInjectorTest} defines in a loader that cannot see it. */
public final class InjectedHelper {
    private InjectedHelper() {
    }

    public static String greeting() {
        return "injected";
    }
}
