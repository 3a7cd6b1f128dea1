package testapp.servletcommon;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The application's own filter: prints {@code FILTER <METHOD> <path>}, proving application code ran.
 * Shared by the jakarta.servlet apps (Tomcat, Jetty 12, Undertow servlet); Jetty 9 keeps a
 * javax.servlet copy, and Spring MVC its own {@code Ordered} one.
 */
public final class PrintingFilter implements Filter {
    @Override
    public void init(FilterConfig config) {
        // nothing to configure
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        System.out.println("FILTER " + http.getMethod() + " " + http.getRequestURI());
        System.out.flush();
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
