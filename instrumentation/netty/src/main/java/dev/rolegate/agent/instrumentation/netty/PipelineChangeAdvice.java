package dev.rolegate.agent.instrumentation.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of the pipeline's single-handler add and replace methods (only when they
 * returned normally). {@link GatePlacement#afterChange} never throws: when it cannot put the gate
 * in place it closes the channel, so that no request reaches the application undecided.
 */
final class PipelineChangeAdvice {
    private PipelineChangeAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This ChannelPipeline pipeline, @Advice.AllArguments Object[] arguments) {
        Object handler = arguments[arguments.length - 1];
        if (handler instanceof ChannelHandler) {
            GatePlacement.afterChange(pipeline, (ChannelHandler) handler);
        }
    }
}
