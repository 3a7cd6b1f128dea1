package dev.rolegate.agent.instrumentation.nettyclient;

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
 * Outbound tokens for Netty 4.1/4.2 HTTP/1.x clients built on {@code HttpClientCodec}: plain Netty
 * bootstraps, Reactor Netty's {@code HttpClient}, and through it Spring's {@code WebClient} and
 * {@code ReactorClientHttpRequestFactory} (RestClient's default when Reactor Netty is present).
 *
 * <p>Hook point: {@code HttpClientCodec$Encoder.encode(ChannelHandlerContext, Object, List)}, entered
 * once per outgoing message just before the request head is turned into bytes. There, and only there,
 * the agent knows the real destination: the channel's connected remote address (not a {@code Host}
 * header the application could set to anything) and whether an {@code SslHandler} sits in the
 * pipeline. Every request on the wire passes this point, so a redirect that Reactor Netty follows
 * is a new request through it and is decided for its own destination.
 *
 * <p>HTTP/2 clients (Reactor Netty's {@code H2}) do not use this codec and are not covered yet.
 */
public final class NettyClientInstrumentation implements LibraryInstrumentation {
    /** Library name used in reports. */
    public static final String NAME = "netty-client";

    static final String CLIENT_ENCODER = "io.netty.handler.codec.http.HttpClientCodec$Encoder";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return named(CLIENT_ENCODER);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Instrumentation instrumentation) {
        return builder.type(types())
                // The advice calls NettyClientHop, which must live next to Netty in the application's
                // loader; injected first, so that a failed injection leaves the codec untransformed.
                .transform(HelperInjector.of(instrumentation, NettyClientHop.class))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(NettyClientInstrumentation.class.getClassLoader())
                        .advice(encode(), ClientEncodeAdvice.class.getName()));
    }

    /** {@code encode(ChannelHandlerContext, Object, List)}. */
    static ElementMatcher.Junction<MethodDescription> encode() {
        return named("encode")
                .and(takesArguments(3))
                .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext")));
    }
}
