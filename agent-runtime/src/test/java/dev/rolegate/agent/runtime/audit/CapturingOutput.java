package dev.rolegate.agent.runtime.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the audit sink writes, for assertions. */
public final class CapturingOutput implements AuditOutput {
    public final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void write(AuditRecord record, String jsonLine) {
        records.add(record);
        lines.add(jsonLine);
    }

    @Override
    public void flush() {
        // Nothing buffered.
        lines.size();
    }
}
