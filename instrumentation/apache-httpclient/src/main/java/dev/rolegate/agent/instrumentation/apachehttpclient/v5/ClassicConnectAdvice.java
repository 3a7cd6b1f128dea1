package dev.rolegate.agent.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;

/**
 * Inlined at the entry of {@code ConnectExec.execute} (HttpClient 5 classic): decides the hop
 * before a connection is leased or opened. Not suppressed: the refusal must fail the call.
 */
final class ClassicConnectAdvice {
    private ClassicConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) ClassicHttpRequest request, @Advice.Argument(1) ExecChain.Scope scope)
            throws IOException {
        Hc5Hop.prepare(request, scope.route);
    }
}
