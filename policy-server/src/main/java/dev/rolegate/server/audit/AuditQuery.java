package dev.rolegate.server.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * The filters of {@code GET /v1/audit} (CONTRACT.md section 7); null means "any".
 *
 * @param since records whose {@code ts} is at or after this instant
 * @param limit at most this many records (1 to {@link #MAX_LIMIT})
 */
public record AuditQuery(String decision, String caller, String service, Instant since, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    boolean matches(JsonNode r) {
        if (decision != null && !decision.equals(r.path("decision").asText(null))) {
            return false;
        }
        if (caller != null && !caller.equals(r.path("caller").asText(null))) {
            return false;
        }
        if (service != null && !service.equals(r.path("service").asText(null))) {
            return false;
        }
        if (since != null) {
            Instant ts = AuditStore.ts(r);
            return ts != null && !ts.isBefore(since);
        }
        return true;
    }
}
