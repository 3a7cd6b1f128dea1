package dev.rolegate.agent.instrumentation.jdkhttpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Inbound enforcement for {@code com.sun.net.httpserver.HttpServer} and {@code HttpsServer}
 * ({@code jdk.httpserver}, implementation {@code sun.net.httpserver.ServerImpl}).
 *
 * <p>Hook point: the first call of the filter chain the server builds for each request. For every
 * exchange {@code ServerImpl.Exchange.run()} builds two chains: the user chain ({@code
 * HttpContext.getFilters()}, ending in a {@code LinkHandler}) and the system chain (the
 * {@code Authenticator}'s filter, ending in the application's handler), and calls the user chain
 * once. System filters therefore run after user filters and cannot host the decision; the first
 * {@code Filter.Chain.doFilter} of the chain whose handler is that {@code LinkHandler} is the one
 * point before any filter, authenticator or handler, reached exactly once per request (later calls
 * find the chain's iterator advanced).
 *
 * <p>Requests that pass must not show the token header or a client-sent {@code Rolegate-Caller},
 * but request headers are unmodifiable, and the exchange cannot be wrapped: the server's own
 * authenticator filter casts it back to its implementation class, and a wrapper could not live on
 * the bootstrap path anyway ({@code jdk.httpserver} belongs to the platform loader, invisible to the
 * bootstrap loader). So the chain advice asks the exchange itself to swap its header map, through
 * {@code setAttribute} with a reserved name that the second advice, inlined into
 * {@code sun.net.httpserver.ExchangeImpl}, intercepts. The chain advice then checks that the swap
 * took effect and answers 500 otherwise.
 */
public final class JdkHttpServerInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "jdkhttpserver";

    static final String FILTER_CHAIN = "com.sun.net.httpserver.Filter$Chain";
    static final String EXCHANGE_IMPL = "sun.net.httpserver.ExchangeImpl";

    private JdkHttpServerInstrumentation() {
    }

    /** The classes this library transforms. */
    public static ElementMatcher.Junction<TypeDescription> types() {
        return named(FILTER_CHAIN).or(named(EXCHANGE_IMPL));
    }

    /** Adds this library's transformations to {@code builder}. */
    public static AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        Advice gate = Advice.to(ServerChainAdvice.class);
        Advice sanitize = Advice.to(SanitizeHeadersAdvice.class);
        return builder
                .type(named(FILTER_CHAIN))
                .transform((b, type, loader, module, domain) -> b.visit(gate.on(named("doFilter")
                        .and(takesArguments(1))
                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))))))
                .type(named(EXCHANGE_IMPL))
                .transform((b, type, loader, module, domain) -> b.visit(sanitize.on(named("setAttribute")
                        .and(takesArguments(2)))));
    }
}
