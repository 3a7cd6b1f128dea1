package dev.rolegate.bootstrap;

/** The problem+json answers the bridge itself gives when the runtime cannot decide. */
final class Problems {
    private Problems() {
    }

    static InboundDecision agentStarting() {
        return InboundDecision.stop(503,
                "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"Rolegate has no policy yet; the request was not let through\"}",
                "Retry-After", "1");
    }

    static InboundDecision internalError() {
        return InboundDecision.stop(500,
                "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                        + "\"detail\":\"Rolegate could not decide this request; it was not let through\"}");
    }
}
