package dev.rolegate.agent.instrumentation.jdkhttpclient;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound tokens for {@code java.net.http.HttpClient} (JDK 11+, tested on 17 and 25).
 *
 * <p>Hook point: the constructors of {@code jdk.internal.net.http.HttpRequestImpl}, the client's
 * private, per-hop copy of a request. {@code send}/{@code sendAsync} copy the application's
 * (immutable) {@code HttpRequest} into one with {@code HttpRequestImpl(HttpRequest, ProxySelector)},
 * and every followed redirect or authentication retry makes the next hop's request with
 * {@code HttpRequestImpl(URI, String, HttpRequestImpl, boolean[, Optional])}, copying the previous
 * hop's user headers. HTTP/1.1 and HTTP/2 both write exactly these user headers to the wire. Deciding
 * at the end of those constructors therefore decides every hop, for its own destination: a
 * redirect to an unlisted address loses the token, one to another listed service gets that
 * service's token. The CONNECT request to a proxy and server-push requests use other
 * constructors and are left alone (the JDK filters user headers out of CONNECT).
 *
 * <p>The token goes into the hop's user headers because that is what HTTP/1.1 and HTTP/2 write
 * ({@code getUserHeaders()}); the public {@code headers()} of the same object is what the
 * application reads back through {@code HttpResponse.request()}, so it is filtered to hide the
 * token (the JDK's own code reads it only to copy a request, which re-decides, and for a proxy
 * CONNECT, which must not carry the token anyway).
 *
 * <p>On JDK 25 the four-argument redirect constructor delegates to a five-argument one; only the
 * constructor that does the work is instrumented, so each hop is decided once.
 */
public final class JdkHttpClientInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "jdkhttpclient";

    static final String REQUEST_IMPL = "jdk.internal.net.http.HttpRequestImpl";

    private JdkHttpClientInstrumentation() {
    }

    /** The classes this library transforms. */
    public static ElementMatcher.Junction<TypeDescription> types() {
        return named(REQUEST_IMPL);
    }

    /** Adds this library's transformation to {@code builder}. */
    public static AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        Advice hop = Advice.to(RequestHeadersAdvice.class);
        Advice hide = Advice.to(HideTokenAdvice.class);
        ElementMatcher<MethodDescription> constructors = fromApplicationRequest().or(forNextHop());
        return builder.type(types())
                .transform((b, type, loader, module, domain) -> b
                        .visit(hop.on(constructors))
                        .visit(hide.on(named("headers").and(takesArguments(0)))));
    }

    /** {@code HttpRequestImpl(HttpRequest, ProxySelector)}: the first hop of send/sendAsync. */
    static ElementMatcher.Junction<MethodDescription> fromApplicationRequest() {
        return isConstructor()
                .and(takesArguments(2))
                .and(takesArgument(0, named("java.net.http.HttpRequest")))
                .and(takesArgument(1, named("java.net.ProxySelector")));
    }

    /** The redirect/authentication-retry constructor that builds the headers (4 args on 17, 5 on 25). */
    static ElementMatcher.Junction<MethodDescription> forNextHop() {
        ElementMatcher.Junction<MethodDescription> derived = isConstructor()
                .and(takesArgument(0, named("java.net.URI")))
                .and(takesArgument(1, named("java.lang.String")))
                .and(takesArgument(2, named(REQUEST_IMPL)))
                .and(takesArgument(3, named("boolean")));
        ElementMatcher.Junction<MethodDescription> withFilter = derived.and(takesArguments(5));
        return withFilter.or(derived.and(takesArguments(4))
                .and(isDeclaredBy(not(declaresMethod(withFilter)))));
    }
}
