package dev.rolegate.agent.instrumentation.servlet;

import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.InboundGate;
import dev.rolegate.bootstrap.RolegateBridge;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * What {@link ServletEntryAdvice} does at every {@code Filter.doFilter} / {@code Servlet.service}:
 * decide the request at the first of them, and answer it or hand the application a
 * {@link GatedRequest}.
 *
 * <p>Injected into the application's class loader next to the servlet API (advice inlined into
 * application and container classes calls it), and derived for {@code javax.servlet} by remapping
 * (see {@link JavaxClassFileLocator}): it may reference the servlet API, the bootstrap bridge and
 * the JDK only, use no {@code jakarta}-only API, and hold no state.
 */
public final class ServletGate {
    /**
     * Request attribute set once a request has been let through; its value is the verified caller, or
     * the empty string. Attributes survive forward, include, async and error dispatches of the same
     * request, and containers clear them when they recycle a request, so each request is decided
     * exactly once.
     */
    static final String DECIDED_ATTRIBUTE = "dev.rolegate.servlet.decided";

    private ServletGate() {
    }

    /**
     * Decides {@code request} if no earlier entry of the same request did.
     *
     * @return the request the filter or servlet must go on with (a {@link GatedRequest} when the agent
     *         is active), or null when the request was answered here and the entry must be skipped
     * @throws IOException when the refusal cannot be written; the entry must then not run either
     */
    public static ServletRequest enter(ServletRequest request, ServletResponse response) throws IOException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)
                || !RolegateBridge.active()) {
            return request;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        Object decided = http.getAttribute(DECIDED_ATTRIBUTE);
        if (decided instanceof String) {
            // A later filter, or a forward/include/async/error dispatch: never decide twice, but the
            // container may hand over its own request again, so keep the application's view gated.
            return gated(request) ? request
                    : new GatedRequest(http, response, ((String) decided).isEmpty() ? null : (String) decided);
        }
        InboundDecision decision = decide(http);
        if (decision.proceed()) {
            http.setAttribute(DECIDED_ATTRIBUTE, decision.caller() == null ? "" : decision.caller());
            return new GatedRequest(http, response, decision.caller());
        }
        answer((HttpServletResponse) response, decision, http.getMethod());
        return null;
    }

    /**
     * Whether {@code request} already is, or wraps, a {@link GatedRequest}: frameworks (Spring
     * Security) wrap the request between filters, and gating each of those wrappers again would only
     * stack views.
     */
    static boolean gated(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper) {
            if (current instanceof GatedRequest) {
                return true;
            }
            current = ((ServletRequestWrapper) current).getRequest();
        }
        return false;
    }

    /** The decision for a request not decided yet; never throws (a failure is a 500 refusal). */
    static InboundDecision decide(HttpServletRequest http) {
        try {
            if (RolegateBridge.isDecidedMark(http.getHeader(RolegateBridge.DECIDED_HEADER))) {
                // A native hook of the same JVM (Undertow's handler) decided before the servlet layer
                // and left the verified caller, if any, in the caller header.
                String caller = http.getHeader(InboundDecision.CALLER_HEADER);
                return caller == null ? InboundDecision.passAnonymous() : InboundDecision.pass(caller);
            }
            // getRequestURI() is the target as received (still percent-encoded, path parameters kept):
            // what must be refused as ambiguous. The routed path is what the container dispatches.
            return RolegateBridge.decideInbound(http.getMethod(), http.getRequestURI(), routedPath(http),
                    values(http, RolegateBridge.tokenHeader()), overrideMethods(http));
        } catch (RuntimeException | LinkageError e) {
            return InboundGate.internalError();
        }
    }

    /**
     * Context path + servlet path + path info: the decoded path the container maps. The context path
     * comes from the context, since {@code getContextPath()} of a request is not decoded (Tomcat).
     */
    static String routedPath(HttpServletRequest http) {
        ServletContext context = http.getServletContext();
        String contextPath = context != null ? context.getContextPath() : http.getContextPath();
        String path = orEmpty(contextPath) + orEmpty(http.getServletPath()) + orEmpty(http.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    static String[] values(HttpServletRequest http, String name) {
        List<String> found = new ArrayList<>(1);
        Enumeration<String> values = http.getHeaders(name);
        while (values != null && values.hasMoreElements()) {
            found.add(values.nextElement());
        }
        return found.toArray(new String[0]);
    }

    static String[] overrideMethods(HttpServletRequest http) {
        List<String> found = new ArrayList<>(0);
        for (String header : RolegateBridge.METHOD_OVERRIDE_HEADERS) {
            for (String value : values(http, header)) {
                found.add(value);
            }
        }
        return found.toArray(new String[0]);
    }

    /** Writes and commits the refusal; the filter or servlet is then skipped, so the chain never runs. */
    static void answer(HttpServletResponse response, InboundDecision decision, String method) throws IOException {
        if (response.isCommitted()) {
            // Cannot happen before any application code ran; refuse to go on rather than let it through.
            throw new IOException("rolegate: response already committed, request refused");
        }
        response.resetBuffer();
        response.setStatus(decision.status());
        for (int i = 0; i < decision.headerCount(); i++) {
            response.setHeader(decision.headerName(i), decision.headerValue(i));
        }
        response.setContentType(InboundDecision.PROBLEM_JSON);
        byte[] body = decision.body();
        if (body != null) {
            response.setContentLength(body.length);
            if (!"HEAD".equalsIgnoreCase(method)) {
                response.getOutputStream().write(body);
            }
        }
        response.flushBuffer();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
