package dev.rolegate.agent.instrumentation.jdkhttpclient;

import dev.rolegate.bootstrap.OutboundGate;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of {@code HttpRequestImpl.headers()}: the application never reads the
 * agent's token back (for example through {@code HttpResponse.request().headers()}, which
 * applications like to log). Suppressed: hiding is cosmetic to the request on the wire.
 */
final class HideTokenAdvice {
    private HideTokenAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return(readOnly = false) HttpHeaders headers) {
        Map<String, List<String>> visible = OutboundGate.withoutToken(headers.map());
        if (visible != null) {
            headers = HttpHeaders.of(visible, OutboundGate.ANY_HEADER);
        }
    }
}
