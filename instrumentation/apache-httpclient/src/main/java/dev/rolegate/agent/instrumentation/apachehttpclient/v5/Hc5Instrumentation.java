package dev.rolegate.agent.instrumentation.apachehttpclient.v5;

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
 * Apache HttpClient 5.x (tested with 5.6.5), classic and async.
 *
 * <p>Hook points: the connect step of each exec chain, {@code ConnectExec} (classic) and
 * {@code AsyncConnectExec} (async, both the HTTP/1.1 and the HTTP/2 client builders use it). The
 * chain runs redirect → retry → protocol → connect → main transport, and the redirect and retry
 * steps re-enter the rest of the chain for every hop, with that hop's route. The connect step is
 * the last point before a connection is leased or opened, it comes after the protocol step (so an
 * authentication retry, which resets the request headers there, passes it again) and it sees the
 * route the client really connects to.
 */
public final class Hc5Instrumentation {
    static final String CONNECT_EXEC = "org.apache.hc.client5.http.impl.classic.ConnectExec";
    static final String ASYNC_CONNECT_EXEC = "org.apache.hc.client5.http.impl.async.AsyncConnectExec";

    private Hc5Instrumentation() {
    }

    /** The classes transformed. */
    public static ElementMatcher.Junction<TypeDescription> types() {
        return named(CONNECT_EXEC).or(named(ASYNC_CONNECT_EXEC));
    }

    /** Adds the classic and async transformations to {@code builder}. */
    public static AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        HelperInjector helpers = HelperInjector.of(instrumentation, HopDecision.class, Hc5Hop.class);
        ClassLoader agentLoader = Hc5Instrumentation.class.getClassLoader();
        return builder
                .type(named(CONNECT_EXEC))
                .transform(helpers)
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(classicExecute(), ClassicConnectAdvice.class.getName()))
                .type(named(ASYNC_CONNECT_EXEC))
                .transform(helpers)
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(asyncExecute(), AsyncConnectAdvice.class.getName()));
    }

    /** {@code execute(ClassicHttpRequest, ExecChain.Scope, ExecChain)}. */
    static ElementMatcher.Junction<MethodDescription> classicExecute() {
        return named("execute").and(takesArguments(3))
                .and(takesArgument(0, named("org.apache.hc.core5.http.ClassicHttpRequest")))
                .and(takesArgument(1, named("org.apache.hc.client5.http.classic.ExecChain$Scope")));
    }

    /** {@code execute(HttpRequest, AsyncEntityProducer, AsyncExecChain.Scope, AsyncExecChain, AsyncExecCallback)}. */
    static ElementMatcher.Junction<MethodDescription> asyncExecute() {
        return named("execute").and(takesArguments(5))
                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpRequest")))
                .and(takesArgument(2, named("org.apache.hc.client5.http.async.AsyncExecChain$Scope")));
    }
}
