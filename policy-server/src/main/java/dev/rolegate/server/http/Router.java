package dev.rolegate.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Exact-path routing: a path maps to one handler per method. Unknown paths get a JSON 404, known
 * paths with another method a JSON 405 with {@code Allow}. Built once before the server accepts
 * connections, read-only afterwards.
 */
public final class Router {
    private final Map<String, Map<HttpMethod, Handler>> routes = new LinkedHashMap<>();
    private final Map<String, Map<HttpMethod, Handler>> prefixRoutes = new LinkedHashMap<>();

    public Router add(HttpMethod method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    /**
     * Routes every path that starts with {@code prefix} (which should end with {@code /}) and has
     * something after it, e.g. {@code /v1/policy/revisions/} for {@code /v1/policy/revisions/12};
     * the handler reads the rest from {@link Exchange#path()}. Exact routes win.
     */
    public Router addPrefix(HttpMethod method, String prefix, Handler handler) {
        prefixRoutes.computeIfAbsent(prefix, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    private Map<HttpMethod, Handler> find(String path) {
        Map<HttpMethod, Handler> exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Map<HttpMethod, Handler>> e : prefixRoutes.entrySet()) {
            if (path.length() > e.getKey().length() && path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    void dispatch(Exchange exchange) throws Exception {
        Map<HttpMethod, Handler> byMethod = find(exchange.path());
        if (byMethod == null) {
            exchange.error(HttpResponseStatus.NOT_FOUND, "not_found", "no such endpoint: " + printable(exchange.path()));
            return;
        }
        Handler handler = byMethod.get(exchange.method());
        if (handler == null) {
            String allow = byMethod.keySet().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
            var response = Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    exchange.method().name() + " is not allowed on " + exchange.path() + "; allowed: " + allow);
            response.headers().set(HttpHeaderNames.ALLOW, allow);
            exchange.respond(response);
            return;
        }
        handler.handle(exchange);
    }

    /** The path as shown back to the client: bounded and without control characters. */
    private static String printable(String path) {
        String p = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        StringBuilder sb = new StringBuilder(p.length());
        p.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
