package dev.rolegate.agent.runtime.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes JSON lines to the original standard output or appends them to a file. */
public final class StreamAuditOutput implements AuditOutput {
    private final Writer out;

    private StreamAuditOutput(Writer out) {
        this.out = out;
    }

    /** To the given stream (the standard output captured when the agent started). */
    public static StreamAuditOutput to(PrintStream stream) {
        return new StreamAuditOutput(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
    }

    /** Appending to {@code file} (created if missing). */
    public static StreamAuditOutput appendingTo(Path file) throws IOException {
        return new StreamAuditOutput(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    @Override
    public void write(AuditRecord record, String jsonLine) throws IOException {
        out.write(jsonLine);
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
