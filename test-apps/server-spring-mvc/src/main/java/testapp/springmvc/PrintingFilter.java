package testapp.springmvc;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.core.Ordered;

/**
 * The application's own filter, ordered ahead of Spring's and Spring Security's: prints
 * {@code FILTER <METHOD> <path>}, proving that application code ran.
 */
final class PrintingFilter implements Filter, Ordered {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        System.out.println("FILTER " + http.getMethod() + " " + http.getRequestURI());
        System.out.flush();
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
