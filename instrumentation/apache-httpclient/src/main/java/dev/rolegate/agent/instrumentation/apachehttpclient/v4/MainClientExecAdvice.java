package dev.rolegate.agent.instrumentation.apachehttpclient.v4;

import java.io.IOException;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpRequest;
import org.apache.http.conn.routing.HttpRoute;

/**
 * Inlined at the entry of {@code MainClientExec.execute} (HttpClient 4.5): decides the hop before a
 * connection is leased or opened. Not suppressed: the refusal must fail the call.
 */
final class MainClientExecAdvice {
    private MainClientExecAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) HttpRoute route, @Advice.Argument(1) HttpRequest request)
            throws IOException {
        Hc4Hop.prepare(request, route);
    }
}
