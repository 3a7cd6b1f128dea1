package servletapp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application every container under test runs (outside {@code dev.rolegate}, which the agent never
 * instruments): one filter that records what reached it, and one
 * servlet that echoes the headers it sees. {@code /ctx/forward} forwards to {@code /items/forwarded};
 * {@code /ctx/async/...} answers from an async context.
 */
public final class TestApp {
    /** Every request that reached application code, as "FILTER /path" or "SERVLET /path". */
    public final List<String> reached = new CopyOnWriteArrayList<>();

    public final Filter filter = new RecordingFilter();
    public final HttpServlet servlet = new EchoServlet();

    final class RecordingFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            reached.add("FILTER " + ((HttpServletRequest) request).getRequestURI());
            chain.doFilter(request, response);
        }
    }

    final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            reached.add("SERVLET " + path);
            if (path.equals("/forward")) {
                request.getRequestDispatcher("/items/forwarded").forward(request, response);
            } else if (path.startsWith("/async")) {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    try {
                        echo((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), path);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        async.complete();
                    }
                });
            } else {
                echo(request, response, path);
            }
        }
    }

    /** "path=...;caller=a,b;callerCount=n;token=true|false;decided=true|false;names=..." */
    static void echo(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        List<String> callers = Collections.list(request.getHeaders("Rolegate-Caller"));
        List<String> names = Collections.list(request.getHeaderNames());
        String body = "path=" + path
                + ";caller=" + String.join(",", callers)
                + ";callerCount=" + callers.size()
                + ";token=" + (request.getHeader("rolegate-token") != null || request.getHeaders("Rolegate-Token").hasMoreElements())
                + ";decided=" + (request.getHeader("Rolegate-Decided") != null)
                + ";names=" + String.join(",", names).toLowerCase(java.util.Locale.ROOT);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/plain");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
