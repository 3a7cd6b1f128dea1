package dev.rolegate.server;

import java.io.PrintStream;

/**
 * The server's log: plain lines, information on stdout and problems on stderr.
 *
 * <p>No framework and no timestamps on purpose: the server runs under a supervisor, container
 * runtime or test harness that timestamps lines itself, and scripts parse some lines (the
 * "listening on" line) verbatim. Never pass a secret or a token to these methods.
 */
public final class Log {
    private static volatile PrintStream out = System.out;
    private static volatile PrintStream err = System.err;

    private Log() {
    }

    public static void info(String message) {
        out.println(message);
        out.flush();
    }

    public static void warn(String message) {
        err.println("WARN " + message);
        err.flush();
    }

    public static void error(String message) {
        err.println("ERROR " + message);
        err.flush();
    }

    /** Redirects the log, for the CLI tests that capture it. */
    public static void redirect(PrintStream newOut, PrintStream newErr) {
        out = newOut;
        err = newErr;
    }
}
