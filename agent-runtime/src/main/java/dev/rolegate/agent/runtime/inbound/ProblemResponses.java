package dev.rolegate.agent.runtime.inbound;

import dev.rolegate.agent.runtime.Json;
import dev.rolegate.bootstrap.InboundDecision;

/** RFC 9457 {@code application/problem+json} answers for the inbound decision table. Never contain a token. */
final class ProblemResponses {
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String BEARER = "Bearer realm=\"rolegate\"";
    static final String BEARER_INVALID = "Bearer realm=\"rolegate\", error=\"invalid_token\"";

    private ProblemResponses() {
    }

    static InboundDecision stop(int status, String detail, String... headers) {
        StringBuilder sb = new StringBuilder(128 + detail.length());
        sb.append("{\"type\":\"about:blank\",\"title\":");
        Json.quote(sb, title(status));
        sb.append(",\"status\":").append(status).append(",\"detail\":");
        Json.quote(sb, detail);
        sb.append('}');
        return InboundDecision.stop(status, sb.toString(), headers);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
