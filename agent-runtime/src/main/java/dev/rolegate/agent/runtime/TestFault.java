package dev.rolegate.agent.runtime;

/**
 * TEST-ONLY fault injection, so that tests can prove the agent fails closed when its own code throws
 * in the middle of an inbound decision (SECURITY.md, "Fail closed"). Never set this in production:
 * with {@code -Drolegate.test.inject-fault=inbound} every inbound decision throws inside the runtime,
 * and the bridge then refuses every request (500). Any other value, or none, injects nothing.
 *
 * <p>Read once, when the runtime starts; a system property rather than an environment variable so
 * that it cannot be set by accident through a deployment's usual configuration channel.
 */
final class TestFault {
    /** The system property; the only recognised value is {@value #INBOUND}. */
    static final String PROPERTY = "rolegate.test.inject-fault";
    static final String INBOUND = "inbound";

    private TestFault() {
    }

    /** Whether {@code value} (the property's value, maybe null) asks for an inbound fault. */
    static boolean inboundRequested(String value) {
        return INBOUND.equals(value);
    }

    /** The exception the enforcement path throws when the fault is injected. */
    static IllegalStateException injected() {
        return new IllegalStateException("fault injected by -D" + PROPERTY + "=" + INBOUND + " (test only)");
    }
}
