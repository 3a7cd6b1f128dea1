package dev.rolegate.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures the server log (stdout and stderr lines) while open. */
final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    LogCapture() {
        Log.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    synchronized List<String> infoLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    synchronized String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Log.redirect(System.out, System.err);
    }
}
