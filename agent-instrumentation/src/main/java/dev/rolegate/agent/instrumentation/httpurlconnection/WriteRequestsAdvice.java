package dev.rolegate.agent.instrumentation.httpurlconnection;

import dev.rolegate.bootstrap.OutboundGate;
import java.io.IOException;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the entry of {@code HttpURLConnection.writeRequests()}: puts this hop's token (or no
 * token) into the request headers about to be written. The runtime's refusal surfaces as the
 * {@link IOException} that {@code writeRequests} already declares; nothing else can be thrown.
 */
final class WriteRequestsAdvice {
    private WriteRequestsAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("requests") Object requests,
                      @Advice.FieldValue("url") URL url,
                      @Advice.FieldValue("method") String method) throws IOException {
        OutboundGate.prepareMessageHeader(requests, url, method);
    }
}
