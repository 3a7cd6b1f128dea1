package testapp.jetty9;

import javax.servlet.AsyncContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import testapp.common.Json;

/**
 * The catch-all servlet of the server test app protocol (docs/STACK-TESTS.md): prints
 * {@code HANDLED <METHOD> <path>}, then answers with what it saw. {@code /async/**} answers from
 * an async context started with {@code startAsync()}.
 */
final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String stack;

    /** @param stack the app's name, answered in the {@code "stack"} field */
    public EchoServlet(String stack) {
        this.stack = stack;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.equals("/async") || path.startsWith("/async/")) {
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    answer((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
            return;
        }
        answer(request, response);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        // The path as the application sees it: the request URI, percent-encoding included.
        String path = request.getRequestURI();
        System.out.println("HANDLED " + method + " " + path);
        System.out.flush();
        request.getInputStream().readAllBytes();
        List<String> callers = Collections.list(request.getHeaders("Rolegate-Caller"));
        boolean tokenPresent = request.getHeaders("Rolegate-Token").hasMoreElements();
        String body = "{\"stack\":" + Json.string(stack) + ",\"method\":" + Json.string(method)
                + ",\"path\":" + Json.string(path)
                + ",\"caller\":" + (callers.isEmpty() ? "null" : Json.string(String.join(",", callers)))
                + ",\"callerHeaderCount\":" + callers.size()
                + ",\"tokenHeaderPresent\":" + tokenPresent + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(method)) {
            response.getOutputStream().write(bytes);
        }
        response.flushBuffer();
    }
}
