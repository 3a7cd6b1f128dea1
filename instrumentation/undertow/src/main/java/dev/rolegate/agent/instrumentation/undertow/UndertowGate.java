package dev.rolegate.agent.instrumentation.undertow;

import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.InboundGate;
import dev.rolegate.bootstrap.RolegateBridge;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides one Undertow exchange, once. Injected into the class loader that defined Undertow (the
 * attachment key below therefore belongs to that loader and pins nothing else); references only
 * Undertow and the bootstrap bridge.
 */
public final class UndertowGate {
    /** Set on an exchange once it has been decided, so that a re-dispatch does not decide it again. */
    private static final AttachmentKey<Boolean> DECIDED = AttachmentKey.create(Boolean.class);
    private static final String[] NONE = new String[0];

    private UndertowGate() {
    }

    /**
     * The handler that must run as root handler for {@code exchange}: {@code root} itself when the
     * request passes (its headers edited in place) or was decided before, a {@link DenyHandler}
     * otherwise. Never throws: a failure is a 500 answer, never a pass.
     */
    public static HttpHandler gate(HttpHandler root, HttpServerExchange exchange) {
        try {
            if (exchange.getAttachment(DECIDED) != null) {
                return root;
            }
            exchange.putAttachment(DECIDED, Boolean.TRUE);
            InboundDecision decision = decide(exchange);
            if (decision.proceed()) {
                if (admit(exchange.getRequestHeaders(), decision.caller())) {
                    return root;
                }
                decision = InboundGate.internalError();
            }
            return new DenyHandler(decision);
        } catch (Throwable t) {
            return new DenyHandler(InboundGate.internalError());
        }
    }

    static InboundDecision decide(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        List<String> overrides = new ArrayList<>();
        for (String name : RolegateBridge.METHOD_OVERRIDE_HEADERS) {
            overrides.addAll(values(headers, name));
        }
        // The request URI as received (still percent-encoded, path parameters kept), plus the query:
        // the runtime must see what the router would read differently.
        String query = exchange.getQueryString();
        String target = query == null || query.isEmpty() ? exchange.getRequestURI() : exchange.getRequestURI() + "?" + query;
        return RolegateBridge.decideInbound(exchange.getRequestMethod().toString(), target,
                values(headers, RolegateBridge.tokenHeader()).toArray(NONE), overrides.toArray(NONE));
    }

    /**
     * Edits the headers of a request that passes: no token header, no client-sent caller, the
     * verified caller when there is one, and the decided mark for the servlet layer (any client-sent
     * value replaced). Returns whether the headers now hold exactly that.
     */
    static boolean admit(HeaderMap headers, String caller) {
        String tokenHeader = RolegateBridge.tokenHeader();
        headers.remove(tokenHeader);
        headers.remove(InboundDecision.CALLER_HEADER);
        headers.remove(RolegateBridge.DECIDED_HEADER);
        if (caller != null) {
            headers.put(new HttpString(InboundDecision.CALLER_HEADER), caller);
        }
        headers.put(new HttpString(RolegateBridge.DECIDED_HEADER), RolegateBridge.decidedMark());
        List<String> callers = values(headers, InboundDecision.CALLER_HEADER);
        return values(headers, tokenHeader).isEmpty()
                && RolegateBridge.isDecidedMark(headers.getFirst(RolegateBridge.DECIDED_HEADER))
                && headers.count(RolegateBridge.DECIDED_HEADER) == 1
                && (caller == null ? callers.isEmpty() : callers.size() == 1 && caller.equals(callers.get(0)));
    }

    private static List<String> values(HeaderMap headers, String name) {
        HeaderValues values = headers.get(name);
        return values == null ? List.of() : new ArrayList<>(values);
    }
}
