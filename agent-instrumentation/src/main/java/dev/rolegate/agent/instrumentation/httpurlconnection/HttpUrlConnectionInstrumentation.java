package dev.rolegate.agent.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.rolegate.bootstrap.RolegateBridge;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound tokens for {@code java.net.HttpURLConnection} as implemented by the JDK
 * ({@code sun.net.www.protocol.http.HttpURLConnection}; HTTPS goes through the same class, as
 * the delegate of {@code HttpsURLConnectionImpl}).
 *
 * <p>Hook point: entry of the private {@code writeRequests()}, which writes the request headers
 * ({@code MessageHeader requests}) for the connection's current {@code url} and {@code method}.
 * It runs once per hop: after a followed redirect the connection updates {@code url}, keeps the
 * application's request properties and calls it again. Setting the token here, for the current
 * URL, is what keeps a token for one service from following a redirect to another host. The
 * proxy CONNECT request is written elsewhere, from a fresh {@code MessageHeader}, so no token
 * reaches a tunnelling proxy.
 *
 * <p>{@code MessageHeader} lives in the non-exported {@code sun.net.www}; the advice passes it to
 * {@link dev.rolegate.bootstrap.OutboundGate#prepareMessageHeader}, which edits it reflectively,
 * so that package is exported to the bridge's module here.
 */
public final class HttpUrlConnectionInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "httpurlconnection";

    private HttpUrlConnectionInstrumentation() {
    }

    /** The classes this library transforms. */
    public static ElementMatcher.Junction<TypeDescription> types() {
        return named("sun.net.www.protocol.http.HttpURLConnection");
    }

    /** Exports what the bridge needs, then adds this library's transformation to {@code builder}. */
    public static AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(),
                Map.of("sun.net.www", Set.of(RolegateBridge.class.getModule())), Map.of(), Set.of(), Map.of());
        Advice advice = Advice.to(WriteRequestsAdvice.class);
        return builder.type(types())
                .transform((b, type, loader, module, domain) ->
                        b.visit(advice.on(named("writeRequests").and(takesArguments(0)))));
    }
}
