package dev.rolegate.agent.runtime.audit;

import java.util.List;

/**
 * One inbound decision (CONTRACT.md section 6), kept raw so the request thread allocates one
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
 */
public record AuditRecord(long epochMillis, String service, String decision, int status, String caller,
                          List<String> roles, String role, String method, String path, String reason, long rev,
                          String mode) {
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final String WOULD_DENY = "would-deny";
}
