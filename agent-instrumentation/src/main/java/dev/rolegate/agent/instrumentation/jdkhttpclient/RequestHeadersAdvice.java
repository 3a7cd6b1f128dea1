package dev.rolegate.agent.instrumentation.jdkhttpclient;

import dev.rolegate.bootstrap.OutboundGate;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of the per-hop {@code HttpRequestImpl} constructors: replaces the hop's user
 * headers with ones that carry this hop's token, or none. Writing the final field is legal here
 * because the code runs inside the constructor. Not suppressed: the only exception is the runtime's
 * refusal, which must fail the call ({@code send} throws it; for a redirect, the future fails).
 */
final class RequestHeadersAdvice {
    private RequestHeadersAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This HttpRequest request,
                     @Advice.FieldValue(value = "userHeaders", readOnly = false) HttpHeaders userHeaders)
            throws IOException {
        Map<String, List<String>> hop = OutboundGate.headersForHop(userHeaders.map(), request.uri(), request.method());
        if (hop != null) {
            userHeaders = HttpHeaders.of(hop, OutboundGate.ANY_HEADER);
        }
    }
}
