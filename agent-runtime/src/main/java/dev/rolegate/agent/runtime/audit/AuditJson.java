package dev.rolegate.agent.runtime.audit;

import dev.rolegate.agent.runtime.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Formats an {@link AuditRecord} as one JSON line, fields in the contract's order. */
public final class AuditJson {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditJson() {
    }

    /** The record as a single line of JSON (no newline). */
    public static String format(AuditRecord r) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"ts\":");
        Json.quote(sb, TS.format(Instant.ofEpochMilli(r.epochMillis())));
        sb.append(",\"service\":");
        Json.quote(sb, r.service());
        sb.append(",\"decision\":");
        Json.quote(sb, r.decision());
        sb.append(",\"status\":");
        if (r.status() > 0) {
            sb.append(r.status());
        } else {
            sb.append("null");
        }
        sb.append(",\"caller\":");
        Json.quote(sb, r.caller());
        sb.append(",\"roles\":");
        appendList(sb, r.roles());
        sb.append(",\"role\":");
        Json.quote(sb, r.role());
        sb.append(",\"method\":");
        Json.quote(sb, r.method());
        sb.append(",\"path\":");
        Json.quote(sb, r.path());
        sb.append(",\"reason\":");
        Json.quote(sb, r.reason());
        sb.append(",\"rev\":");
        if (r.rev() >= 0) {
            sb.append(r.rev());
        } else {
            sb.append("null");
        }
        sb.append(",\"mode\":");
        Json.quote(sb, r.mode());
        // Added after the contract's fields so that readers of the original format are unaffected.
        sb.append(",\"direction\":");
        Json.quote(sb, r.direction() == null ? AuditRecord.INBOUND : r.direction());
        return sb.append('}').toString();
    }

    private static void appendList(StringBuilder sb, List<String> list) {
        if (list == null) {
            sb.append("null");
            return;
        }
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.quote(sb, list.get(i));
        }
        sb.append(']');
    }
}
