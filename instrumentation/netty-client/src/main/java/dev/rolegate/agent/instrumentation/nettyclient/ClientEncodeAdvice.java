package dev.rolegate.agent.instrumentation.nettyclient;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code HttpClientCodec$Encoder.encode}: decides the request head about to
 * be written. No {@code suppress}: a refusal must propagate (the encoder turns it into a failed write,
 * and nothing reaches the wire); {@link NettyClientHop} itself never throws anything else.
 */
final class ClientEncodeAdvice {
    private ClientEncodeAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) Object msg)
            throws IOException {
        if (msg instanceof HttpRequest) {
            NettyClientHop.prepare(ctx, (HttpRequest) msg);
        }
    }
}
