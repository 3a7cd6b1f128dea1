package dev.rolegate.agent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.rolegate.agent.instrumentation.HelperInjector;
import dev.rolegate.agent.instrumentation.LibraryInstrumentation;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound tokens for OkHttp 4.x and 5.x (tested with 4.12.0 and 5.5.1), through one hook point
 * that exists unchanged in both: {@code okhttp3.internal.http.RealInterceptorChain.proceed(Request)}.
 *
 * <p>OkHttp runs every call through a chain built per call: the application's interceptors,
 * {@code RetryAndFollowUpInterceptor} (which re-enters the rest of the chain once per redirect,
 * retry or authentication challenge), the bridge, the cache, {@code ConnectInterceptor}, the
 * application's network interceptors and {@code CallServerInterceptor}. {@code proceed} is where
 * a request is handed to the next of them, so it sees every hop with the hop's own URL, after
 * OkHttp has resolved a redirect. An application interceptor added to the client would see only
 * the first hop, and a network interceptor would run after the socket is open; hence the chain.
 * WebSocket upgrades and HTTP/2 go through the same chain.
 *
 * <p>{@link OkHttpHop} is injected into OkHttp's class loader by {@link HelperInjector}.
 */
public final class OkHttpInstrumentation implements LibraryInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "okhttp";

    static final String CHAIN = "okhttp3.internal.http.RealInterceptorChain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return named(CHAIN);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        return builder.type(types())
                .transform(HelperInjector.of(instrumentation, OkHttpHop.class))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(OkHttpInstrumentation.class.getClassLoader())
                        .advice(proceed(), ChainProceedAdvice.class.getName()));
    }

    /** {@code proceed(okhttp3.Request)}. */
    static ElementMatcher.Junction<MethodDescription> proceed() {
        return named("proceed").and(takesArguments(1)).and(takesArgument(0, named("okhttp3.Request")));
    }
}
