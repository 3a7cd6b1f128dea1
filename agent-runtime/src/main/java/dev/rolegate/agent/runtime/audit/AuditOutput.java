package dev.rolegate.agent.runtime.audit;

import java.io.IOException;

/**
 * Where formatted decision records go; called only from the audit thread (or the shutdown flush,
 * never concurrently). Shipping records to the policy server's {@code POST /v1/audit} (a later
 * issue) is another implementation of this interface, batching the records it receives.
 */
public interface AuditOutput {
    /** Takes one record, both as a JSON line and raw. */
    void write(AuditRecord record, String jsonLine) throws IOException;

    /** Called when the queue runs empty and at shutdown. */
    void flush() throws IOException;
}
