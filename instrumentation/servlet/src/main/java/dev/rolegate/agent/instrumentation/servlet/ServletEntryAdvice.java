package dev.rolegate.agent.instrumentation.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the entry of every {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)}
 * and {@code Servlet.service(ServletRequest, ServletResponse)}; the first of them for a request
 * decides it (see {@link ServletGate}).
 *
 * <p>Fails closed by construction: nothing is suppressed. A refusal skips the method, so neither the
 * filter nor anything after it in the chain runs; an exception (a refusal that could not be written,
 * a helper that could not be injected) propagates out of the method before it runs.
 */
final class ServletEntryAdvice {
    private ServletEntryAdvice() {
    }

    /** Returns true to skip the method: the request was answered here. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(value = 0, readOnly = false) ServletRequest request,
                         @Advice.Argument(1) ServletResponse response) throws IOException {
        ServletRequest passed = ServletGate.enter(request, response);
        if (passed == null) {
            return true;
        }
        request = passed;
        return false;
    }
}
