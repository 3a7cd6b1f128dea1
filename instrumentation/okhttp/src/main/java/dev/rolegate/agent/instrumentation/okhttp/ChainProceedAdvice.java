package dev.rolegate.agent.instrumentation.okhttp;

import java.io.IOException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Inlined into {@code RealInterceptorChain.proceed(Request)}, which hands {@code request} to
 * {@code interceptors[index]}: decides the hop before the connect step and writes its token
 * before the send step (see {@link OkHttpHop}). Not suppressed: the refusal's
 * {@link IOException} must fail the call, and {@link OkHttpHop} throws nothing else.
 */
final class ChainProceedAdvice {
    private ChainProceedAdvice() {
    }

    @Advice.OnMethodEnter
    static Request enter(@Advice.FieldValue("interceptors") List<?> interceptors,
                         @Advice.FieldValue("index") int index,
                         @Advice.Argument(value = 0, readOnly = false) Request request) throws IOException {
        if (request == null || index < 0 || index >= interceptors.size()) {
            return null;
        }
        Object next = interceptors.get(index);
        if (OkHttpHop.connectsNext(next)) {
            request = OkHttpHop.decide(request);
        } else if (OkHttpHop.writesNext(next)) {
            Request visible = OkHttpHop.visible(request);
            request = OkHttpHop.forWire(request);
            return visible;
        }
        return null;
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Request visible, @Advice.Return(readOnly = false) Response response) {
        if (visible != null && response != null) {
            response = OkHttpHop.showing(response, visible);
        }
    }
}
