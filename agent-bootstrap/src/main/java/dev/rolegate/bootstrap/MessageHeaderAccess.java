package dev.rolegate.bootstrap;

import java.lang.reflect.Method;

/**
 * Reflective access to {@code sun.net.www.MessageHeader}, the mutable request headers of the JDK's
 * HttpURLConnection. Advice cannot name that type (javac with {@code --release} does not see
 * non-exported packages), so it hands the object over and this class calls the two public methods
 * it needs. The instrumentation exports {@code sun.net.www} to this (the bootstrap loader's
 * unnamed) module; without that export every call answers false and says so once on stderr.
 *
 * <p>The cached methods belong to a {@code java.base} class, so they pin no application loader.
 */
final class MessageHeaderAccess {
    private static volatile Method remove;
    private static volatile Method add;
    private static volatile boolean unavailable;

    private MessageHeaderAccess() {
    }

    /** Removes every value of {@code name} (case-insensitively); false if the JDK internals are unreachable. */
    static boolean remove(Object messageHeader, String name) {
        return invoke(messageHeader, true, name, null);
    }

    /** Appends one {@code name: value} line; false if the JDK internals are unreachable. */
    static boolean add(Object messageHeader, String name, String value) {
        return invoke(messageHeader, false, name, value);
    }

    private static boolean invoke(Object messageHeader, boolean removing, String name, String value) {
        if (unavailable || messageHeader == null) {
            return false;
        }
        try {
            if (remove == null || add == null) {
                Class<?> type = messageHeader.getClass();
                remove = type.getMethod("remove", String.class);
                add = type.getMethod("add", String.class, String.class);
            }
            if (removing) {
                remove.invoke(messageHeader, name);
            } else {
                add.invoke(messageHeader, name, value);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unavailable = true;
            System.err.println("rolegate: cannot edit HttpURLConnection request headers, outgoing calls "
                    + "through it carry no token: " + e);
            return false;
        }
    }
}
