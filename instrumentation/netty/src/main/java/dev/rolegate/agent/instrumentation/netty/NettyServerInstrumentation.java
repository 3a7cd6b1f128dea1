package dev.rolegate.agent.instrumentation.netty;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.rolegate.agent.instrumentation.HelperInjector;
import dev.rolegate.agent.instrumentation.LibraryInstrumentation;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Inbound enforcement for Netty 4.2 HTTP servers, and through them Reactor Netty's
 * {@code HttpServer} and Spring WebFlux on Reactor Netty.
 *
 * <p>Hook point: every change of a {@code DefaultChannelPipeline} that adds or replaces a single
 * handler. Netty pipelines are built per connection (and per HTTP/2 stream) by application code
 * that we cannot see, in any order and through any of the add methods; the one thing every HTTP
 * server pipeline has is a request decoder. So whenever a pipeline gains an {@code HttpServerCodec},
 * an {@code HttpRequestDecoder}, a server-side {@code Http2StreamFrameToHttpObjectCodec} or an
 * {@code HttpServerUpgradeHandler}, and whenever a handler lands between that decoder and the gate,
 * {@link GatePlacement} puts one {@link HttpServerGate} immediately after the decoder (after the
 * h2c upgrade handler when one follows it, so that an upgraded request is decided once, on its
 * HTTP/2 stream). The gate then decides each request on its own, before any later handler sees it.
 *
 * <p>{@link GatePlacement}, {@link HttpServerGate} and {@link NettyExchange} are injected into the
 * class loader that defined Netty; they reference only Netty and the bootstrap bridge.
 */
public final class NettyServerInstrumentation implements LibraryInstrumentation {
    static final String PIPELINE = "io.netty.channel.DefaultChannelPipeline";
    private static final String HANDLER = "io.netty.channel.ChannelHandler";
    private static final String GROUP = "io.netty.util.concurrent.EventExecutorGroup";
    /**
     * Named, not referenced as classes: {@link HttpServerGate} extends a Netty handler, so loading
     * it in the agent's loader (where Netty is absent) fails before it could be injected.
     */
    private static final String[] HELPERS = {
        "dev.rolegate.agent.instrumentation.netty.NettyExchange",
        "dev.rolegate.agent.instrumentation.netty.HttpServerGate",
        "dev.rolegate.agent.instrumentation.netty.GatePlacement",
    };

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return named(PIPELINE);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        ClassLoader agentLoader = NettyServerInstrumentation.class.getClassLoader();
        return builder
                .type(named(PIPELINE))
                .transform(HelperInjector.named(instrumentation, ClassFileLocator.ForClassLoader.of(agentLoader), HELPERS)
                        .failClosed())
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(pipelineChanges(), PipelineChangeAdvice.class.getName()));
    }

    /**
     * The public single-handler methods every other add and replace method of the pipeline ends in
     * (in Netty 4.1 as in 4.2): {@code addFirst/addLast(group, name, handler)},
     * {@code addBefore/addAfter(group, base, name, handler)} and {@code replace(old, name, handler)}.
     */
    static ElementMatcher.Junction<MethodDescription> pipelineChanges() {
        ElementMatcher.Junction<MethodDescription> addAtEnd = namedOneOf("addFirst", "addLast")
                .and(takesArguments(3))
                .and(takesArgument(0, named(GROUP)))
                .and(takesArgument(2, named(HANDLER)));
        ElementMatcher.Junction<MethodDescription> addNextTo = namedOneOf("addBefore", "addAfter")
                .and(takesArguments(4))
                .and(takesArgument(0, named(GROUP)))
                .and(takesArgument(3, named(HANDLER)));
        ElementMatcher.Junction<MethodDescription> replace = named("replace")
                .and(takesArguments(3))
                .and(takesArgument(2, named(HANDLER)));
        return isPublic().and(addAtEnd.or(addNextTo).or(replace));
    }
}
