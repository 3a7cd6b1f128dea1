package dev.rolegate.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request-side helpers shared by server adapters: collect the header values the bridge needs,
 * and compute the headers the application may see once a request passes.
 *
 * <p>On the bootstrap class path and {@code java.base}-only, like the bridge: server libraries such
 * as {@code jdk.httpserver} are defined to the platform class loader, which the bootstrap loader
 * cannot see, so adapters pass their header objects as plain {@code Map}s (most of them are one).
 * Header names are matched case-insensitively by walking the keys, since not every map normalises
 * the key given to {@code get}.
 */
public final class InboundGate {
    /**
     * Attribute name with which the JDK HttpServer adapter asks its exchange to replace its request
     * headers by {@link #sanitized}; the value is the {@link InboundDecision}. Not for applications.
     */
    public static final String SANITIZE_ATTRIBUTE = "dev.rolegate.bootstrap.InboundGate.sanitize";

    private InboundGate() {
    }

    /**
     * Decides one request from its method, raw request target and headers (every value of the
     * token header and of the method-override headers). Never throws, never returns null.
     */
    public static InboundDecision decide(String method, String rawTarget, Map<String, List<String>> headers) {
        try {
            return RolegateBridge.decideInbound(method, rawTarget,
                    values(headers, RolegateBridge.tokenHeader()), overrideMethods(headers));
        } catch (RuntimeException | LinkageError e) {
            return internalError();
        }
    }

    /** Every value of {@code name}, in order, across differently-cased keys. */
    public static String[] values(Map<String, List<String>> headers, String name) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                found.addAll(e.getValue());
            }
        }
        return found.toArray(new String[0]);
    }

    /** Every value of every {@link RolegateBridge#METHOD_OVERRIDE_HEADERS method-override header}. */
    public static String[] overrideMethods(Map<String, List<String>> headers) {
        List<String> found = new ArrayList<>();
        for (String header : RolegateBridge.METHOD_OVERRIDE_HEADERS) {
            for (String value : values(headers, header)) {
                found.add(value);
            }
        }
        return found.toArray(new String[0]);
    }

    /**
     * The headers the application sees once a request passes: without the token header, without any
     * client-sent {@value InboundDecision#CALLER_HEADER}, and with the verified caller when there is one.
     */
    public static Map<String, List<String>> sanitized(Map<String, List<String>> headers, String caller) {
        return sanitized(headers, RolegateBridge.tokenHeader(), caller);
    }

    static Map<String, List<String>> sanitized(Map<String, List<String>> headers, String tokenHeader, String caller) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey();
            if (name == null || e.getValue() == null || name.equalsIgnoreCase(tokenHeader)
                    || name.equalsIgnoreCase(InboundDecision.CALLER_HEADER)) {
                continue;
            }
            result.put(name, new ArrayList<>(e.getValue()));
        }
        if (caller != null) {
            List<String> value = new ArrayList<>(1);
            value.add(caller);
            result.put(InboundDecision.CALLER_HEADER, value);
        }
        return result;
    }

    /**
     * Whether {@code headers} are what {@link #sanitized} promises: no token header, and the caller
     * header present exactly as {@code caller} (or absent when it is null). Adapters check this after
     * replacing headers and stop the request when it does not hold, so that a hook that did not take
     * effect fails closed.
     */
    public static boolean isSanitized(Map<String, List<String>> headers, String caller) {
        return isSanitized(headers, RolegateBridge.tokenHeader(), caller);
    }

    static boolean isSanitized(Map<String, List<String>> headers, String tokenHeader, String caller) {
        if (values(headers, tokenHeader).length != 0) {
            return false;
        }
        String[] callers = values(headers, InboundDecision.CALLER_HEADER);
        return caller == null ? callers.length == 0 : callers.length == 1 && caller.equals(callers[0]);
    }

    /** The 500 answer for a request that could not be decided or prepared; it is never let through. */
    public static InboundDecision internalError() {
        return Problems.internalError();
    }
}
