package dev.rolegate.agent.instrumentation.servlet;

import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.RolegateBridge;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request as the application sees it once the agent let it through: no token header, no
 * {@link RolegateBridge#DECIDED_HEADER}, and {@value InboundDecision#CALLER_HEADER} only as the agent
 * set it (the verified caller, or absent), never as a client sent it.
 *
 * <p>Injected into the application's class loader with {@link ServletGate} (same constraints).
 */
final class GatedRequest extends HttpServletRequestWrapper {
    private final ServletResponse response;
    private final String caller;
    private final String tokenHeader;

    GatedRequest(HttpServletRequest request, ServletResponse response, String caller) {
        super(request);
        this.response = response;
        this.caller = caller;
        this.tokenHeader = RolegateBridge.tokenHeader();
    }

    private boolean hidden(String name) {
        return name != null && (name.equalsIgnoreCase(tokenHeader)
                || name.equalsIgnoreCase(RolegateBridge.DECIDED_HEADER)
                || name.equalsIgnoreCase(InboundDecision.CALLER_HEADER));
    }

    private String agentValue(String name) {
        return InboundDecision.CALLER_HEADER.equalsIgnoreCase(name) ? caller : null;
    }

    @Override
    public String getHeader(String name) {
        return hidden(name) ? agentValue(name) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!hidden(name)) {
            return super.getHeaders(name);
        }
        String value = agentValue(name);
        return value == null ? Collections.<String>emptyEnumeration()
                : Collections.enumeration(Collections.singletonList(value));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        Enumeration<String> all = super.getHeaderNames();
        while (all != null && all.hasMoreElements()) {
            String name = all.nextElement();
            if (!hidden(name)) {
                names.add(name);
            }
        }
        if (caller != null) {
            names.add(InboundDecision.CALLER_HEADER);
        }
        return Collections.enumeration(names);
    }

    @Override
    public int getIntHeader(String name) {
        if (!hidden(name)) {
            return super.getIntHeader(name);
        }
        String value = agentValue(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public long getDateHeader(String name) {
        if (!hidden(name)) {
            return super.getDateHeader(name);
        }
        String value = agentValue(name);
        if (value == null) {
            return -1L;
        }
        throw new IllegalArgumentException("not a date: " + value);
    }

    /**
     * Starts async processing with this view as the async request: {@code startAsync()} on a wrapper
     * would otherwise hand {@code AsyncContext.getRequest()} the container's own request, headers and all.
     */
    @Override
    public AsyncContext startAsync() {
        return super.startAsync(this, response);
    }
}
