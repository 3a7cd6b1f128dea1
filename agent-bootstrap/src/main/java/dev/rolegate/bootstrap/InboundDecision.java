package dev.rolegate.bootstrap;

import java.nio.charset.StandardCharsets;

/**
 * What a server adapter must do with one inbound request. Either {@link #proceed()} is true and the
 * adapter lets the request reach the application (setting {@code Rolegate-Caller} to {@link #caller()}
 * when it is non-null, removing any client-sent {@code Rolegate-Caller} and the token header), or it
 * writes {@link #status()}, {@link #headers()} and {@link #body()} and never calls the application.
 */
public final class InboundDecision {
    /** The header the agent sets for the application with the verified caller. */
    public static final String CALLER_HEADER = "Rolegate-Caller";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final InboundDecision PASS_ANONYMOUS = new InboundDecision(true, null, 0, new String[0], null);

    private final boolean proceed;
    private final String caller;
    private final int status;
    private final String[] headers;
    private final byte[] body;

    private InboundDecision(boolean proceed, String caller, int status, String[] headers, byte[] body) {
        this.proceed = proceed;
        this.caller = caller;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Lets the request through without a verified caller (public path, monitor mode without a token, mode off). */
    public static InboundDecision passAnonymous() {
        return PASS_ANONYMOUS;
    }

    /** Lets the request through with a verified caller. */
    public static InboundDecision pass(String caller) {
        return new InboundDecision(true, caller, 0, new String[0], null);
    }

    /**
     * Stops the request with an {@code application/problem+json} answer.
     *
     * @param headers extra response headers as name, value, name, value...
     */
    public static InboundDecision stop(int status, String problemJson, String... headers) {
        return new InboundDecision(false, null, status, headers.clone(),
                problemJson.getBytes(StandardCharsets.UTF_8));
    }

    public boolean proceed() {
        return proceed;
    }

    /** The verified caller identity, or null. */
    public String caller() {
        return caller;
    }

    public int status() {
        return status;
    }

    /** Extra response headers as name, value pairs (the content type is {@link #PROBLEM_JSON}, not listed here). */
    public String[] headers() {
        return headers.clone();
    }

    public int headerCount() {
        return headers.length / 2;
    }

    public String headerName(int i) {
        return headers[2 * i];
    }

    public String headerValue(int i) {
        return headers[2 * i + 1];
    }

    /** The problem+json body, or null when proceeding. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }
}
