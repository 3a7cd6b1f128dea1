package dev.rolegate.benchmarks.soak;

/**
 * The kinds of request the soak mixes, each with the one answer the agent must give. Every decision
 * the soak sees is checked against this: a denied call answered 2xx, or an allowed call answered
 * 401/403, is a wrong decision; anything else unexpected (5xx, a reset, a timeout) is an error.
 */
enum SoakCall {
    /** soak-client may GET /items/*: the handler answers 200 "ok". */
    ALLOWED_GET("GET", "/items/", Token.VALID, 200),
    /** No role allows POST. */
    DENIED_METHOD("POST", "/items/", Token.VALID, 403),
    /** No role allows /orders/*. */
    DENIED_PATH("GET", "/orders/", Token.VALID, 403),
    /** No token at all. */
    NO_TOKEN("GET", "/items/", Token.NONE, 401),
    /** The valid token with its signature changed: a full signature check each time, never cached. */
    FORGED_TOKEN("GET", "/items/", Token.FORGED, 401);

    /** Half the calls are allowed, the other half spread over the four ways of being refused. */
    static final SoakCall[] MIX = {ALLOWED_GET, DENIED_METHOD, ALLOWED_GET, DENIED_PATH, ALLOWED_GET, NO_TOKEN,
            ALLOWED_GET, FORGED_TOKEN};

    enum Token { VALID, NONE, FORGED }

    final String method;
    final String pathPrefix;
    final Token token;
    final int expectedStatus;

    SoakCall(String method, String pathPrefix, Token token, int expectedStatus) {
        this.method = method;
        this.pathPrefix = pathPrefix;
        this.token = token;
        this.expectedStatus = expectedStatus;
    }

    boolean allowed() {
        return expectedStatus == 200;
    }

    /** Whether {@code status} is a decision contrary to the policy (as opposed to a mere error). */
    boolean wrongDecision(int status) {
        boolean passed = status >= 200 && status < 300;
        boolean refused = status == 401 || status == 403;
        return allowed() ? refused : passed;
    }
}
