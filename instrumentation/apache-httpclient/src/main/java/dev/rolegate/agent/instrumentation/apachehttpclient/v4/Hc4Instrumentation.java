package dev.rolegate.agent.instrumentation.apachehttpclient.v4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.rolegate.agent.instrumentation.HelperInjector;
import dev.rolegate.agent.instrumentation.apachehttpclient.HopDecision;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 4.5 (tested with 4.5.14), clients built by {@code HttpClients} /
 * {@code HttpClientBuilder}.
 *
 * <p>Hook point: entry of {@code MainClientExec.execute(HttpRoute, HttpRequestWrapper, ...)}, the
 * innermost step of the exec chain (redirect → retry → protocol → main). {@code RedirectExec} and
 * {@code RetryExec} call it again for every hop, each time with that hop's route and a new request
 * wrapper; it runs before the connection is leased or opened, and its own authentication loop
 * keeps the wrapper's headers (same destination). The deprecated {@code DefaultHttpClient} and
 * {@code HttpClients.createMinimal()} use other executors and are not hooked.
 */
public final class Hc4Instrumentation {
    static final String MAIN_CLIENT_EXEC = "org.apache.http.impl.execchain.MainClientExec";

    private Hc4Instrumentation() {
    }

    /** The classes transformed. */
    public static ElementMatcher.Junction<TypeDescription> types() {
        return named(MAIN_CLIENT_EXEC);
    }

    /** Adds the transformation to {@code builder}. */
    public static AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        return builder
                .type(types())
                .transform(HelperInjector.of(instrumentation, HopDecision.class, Hc4Hop.class))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(Hc4Instrumentation.class.getClassLoader())
                        .advice(execute(), MainClientExecAdvice.class.getName()));
    }

    /** {@code execute(HttpRoute, HttpRequestWrapper, HttpClientContext, HttpExecutionAware)}. */
    static ElementMatcher.Junction<MethodDescription> execute() {
        return named("execute").and(takesArguments(4))
                .and(takesArgument(0, named("org.apache.http.conn.routing.HttpRoute")))
                .and(takesArgument(1, named("org.apache.http.client.methods.HttpRequestWrapper")));
    }
}
