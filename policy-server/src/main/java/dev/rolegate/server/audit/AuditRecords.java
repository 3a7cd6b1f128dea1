package dev.rolegate.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Checks a shipped decision record before it is stored. An agent decides its own inbound calls
 * ({@code service} is itself) and the egress checks of its own outbound calls
 * ({@code "direction":"outbound"}, {@code caller} is itself), so a record must name the shipping
 * identity in that place: one workload cannot write records in another's name.
 */
public final class AuditRecords {
    /** Longest record kept, in characters of its JSON; a bigger one is refused rather than cut. */
    static final int MAX_RECORD_CHARS = 16_384;
    private static final Set<String> DECISIONS = Set.of("allow", "deny", "would-deny");

    private AuditRecords() {
    }

    /** Why the record is refused, or null when it may be stored. */
    public static String problem(JsonNode r, String shippedBy) {
        if (!(r instanceof ObjectNode)) {
            return "not a JSON object";
        }
        boolean outbound = "outbound".equals(r.path("direction").asText(null));
        String self = outbound ? r.path("caller").asText(null) : r.path("service").asText(null);
        if (!shippedBy.equals(self)) {
            return (outbound ? "caller" : "service") + " must be the shipping identity " + shippedBy;
        }
        if (!DECISIONS.contains(r.path("decision").asText(""))) {
            return "decision must be allow, deny or would-deny";
        }
        if (AuditStore.ts(r) == null) {
            return "ts must be an ISO-8601 instant";
        }
        if (r.toString().length() > MAX_RECORD_CHARS) {
            return "longer than " + MAX_RECORD_CHARS + " characters";
        }
        return null;
    }
}
