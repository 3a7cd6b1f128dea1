package dev.rolegate.agent.runtime;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's only log: plain lines prefixed {@code rolegate:} on the standard error stream as it
 * was when the agent started. Deliberately not java.util.logging, which the application may
 * configure. Never pass a token or a secret to it.
 */
public final class Log {
    private static final String PREFIX = "rolegate: ";
    private static volatile PrintStream out = System.err;
    private static final ConcurrentMap<String, Long> LAST_BY_KEY = new ConcurrentHashMap<>();

    private Log() {
    }

    /** Writes one line. */
    public static void line(String message) {
        out.println(PREFIX + message);
    }

    /**
     * Writes one line unless a line with the same key was written less than {@code intervalMillis}
     * ago; used for errors that would otherwise repeat on every request.
     *
     * @return whether the line was written
     */
    public static boolean rateLimited(String key, long intervalMillis, String message) {
        long now = System.currentTimeMillis();
        Long[] written = {null};
        LAST_BY_KEY.compute(key, (k, last) -> {
            if (last == null || now - last >= intervalMillis) {
                written[0] = now;
                return now;
            }
            return last;
        });
        if (written[0] != null) {
            line(message);
            return true;
        }
        return false;
    }

    /** Redirects the log (tests); returns the previous stream. */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }
}
