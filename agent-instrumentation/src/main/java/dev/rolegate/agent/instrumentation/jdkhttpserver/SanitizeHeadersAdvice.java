package dev.rolegate.agent.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.InboundGate;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the entry of {@code ExchangeImpl.setAttribute(String, Object)}: when called with
 * {@link InboundGate#SANITIZE_ATTRIBUTE} and a passing {@link InboundDecision} (only the chain
 * advice does that), replaces the request headers with the ones the application may see, and
 * skips the original method so that nothing is stored as an attribute.
 */
final class SanitizeHeadersAdvice {
    private SanitizeHeadersAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) String name,
                         @Advice.Argument(1) Object value,
                         @Advice.FieldValue(value = "reqHdrs", readOnly = false) Headers requestHeaders) {
        if (!(value instanceof InboundDecision) || !InboundGate.SANITIZE_ATTRIBUTE.equals(name)) {
            return false;
        }
        InboundDecision decision = (InboundDecision) value;
        Headers replacement = new Headers();
        for (Map.Entry<String, List<String>> e : InboundGate.sanitized(requestHeaders, decision.caller()).entrySet()) {
            replacement.put(e.getKey(), e.getValue());
        }
        requestHeaders = replacement;
        return true;
    }
}
