package dev.rolegate.agent.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Inlined at the entry of {@code AsyncConnectExec.execute} (HttpClient 5 async, HTTP/1.1 and
 * HTTP/2 clients): decides the hop before a connection is leased or opened. Not suppressed: the
 * refusal must fail the call (the client turns it into a failed future / callback).
 */
final class AsyncConnectAdvice {
    private AsyncConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope)
            throws IOException {
        Hc5Hop.prepare(request, scope.route);
    }
}
