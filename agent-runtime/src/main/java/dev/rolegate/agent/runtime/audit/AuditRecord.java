package dev.rolegate.agent.runtime.audit;

import java.util.List;

/**
 * One decision (CONTRACT.md section 6), kept raw so the request thread allocates one
 * object and the audit thread does the formatting.
 *
 * @param epochMillis when it was decided
 * @param service     this service
 * @param decision    {@code allow}, {@code deny} or {@code would-deny}
 * @param status      the status the agent answered (or would have); 0 when the request went to the application
 * @param caller      the verified caller, or null
 * @param roles       the roles the token presented, or null without a valid token
 * @param role        the granting role of an allow, else null
 * @param method      the request method
 * @param path        the decided path (the raw target when it was ambiguous)
 * @param reason      one sentence
 * @param rev         the deciding policy revision, or -1 when there was none
 * @param mode        {@code enforce} or {@code monitor}
 * @param direction   {@link #INBOUND} (a request this service received; {@code service} is this service)
 *                    or {@link #OUTBOUND} (the egress check of a call this workload makes; {@code service}
 *                    is the target and {@code caller} this workload)
 */
public record AuditRecord(long epochMillis, String service, String decision, int status, String caller,
                          List<String> roles, String role, String method, String path, String reason, long rev,
                          String mode, String direction) {
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final String WOULD_DENY = "would-deny";
    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    /** An inbound decision (the record as it was before outbound egress records existed). */
    public AuditRecord(long epochMillis, String service, String decision, int status, String caller,
                       List<String> roles, String role, String method, String path, String reason, long rev,
                       String mode) {
        this(epochMillis, service, decision, status, caller, roles, role, method, path, reason, rev, mode, INBOUND);
    }
}
