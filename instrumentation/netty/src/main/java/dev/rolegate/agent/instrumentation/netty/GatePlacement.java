package dev.rolegate.agent.instrumentation.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import java.util.Iterator;
import java.util.Map;

/**
 * Keeps one {@link HttpServerGate} immediately after a server pipeline's request decoder. Called
 * by {@link PipelineChangeAdvice} after every single-handler add or replace; injected into the
 * application's class loader (Netty and the bridge only).
 *
 * <p>Rule: the anchor is the first request decoder ({@code HttpServerCodec},
 * {@code HttpRequestDecoder}, or {@code Http2StreamFrameToHttpObjectCodec} on a stream of a server
 * connection), or the {@code HttpServerUpgradeHandler} directly after it. The gate must be the very
 * next handler: a handler added between the anchor and the gate would see requests before the
 * decision, so the gate is then moved (a fresh one: Netty handlers cannot be added twice).
 */
public final class GatePlacement {
    /** The gate's name in the pipeline. */
    public static final String GATE_NAME = "rolegate.serverGate";
    private static final String H2_STREAM_CODEC = "io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec";
    private static volatile boolean reported;

    private GatePlacement() {
    }

    /**
     * Puts the gate in place if this change calls for it. Never throws: if the gate cannot be put in
     * place, the channel is closed (fail closed: no request may reach the application undecided).
     */
    public static void afterChange(ChannelPipeline pipeline, ChannelHandler added) {
        if (added instanceof HttpServerGate) {
            return;
        }
        try {
            place(pipeline, added);
        } catch (Throwable t) {
            if (!reported) {
                reported = true;
                System.err.println("rolegate: cannot put the Netty request gate in place, closing the connection: " + t);
            }
            try {
                pipeline.channel().close();
            } catch (RuntimeException closing) {
                // the pipeline is unusable; requests cannot pass the decoder without the gate anyway
                System.err.println("rolegate: closing the connection failed too: " + closing);
            }
        }
    }

    private static void place(ChannelPipeline pipeline, ChannelHandler added) {
        boolean hasGate = pipeline.get(GATE_NAME) != null;
        if (!hasGate && !isTrigger(added, pipeline.channel())) {
            return;
        }
        String anchor = null;
        boolean stream = false;
        boolean encodesResponses = false;
        boolean gateIsNext = false;
        for (Iterator<Map.Entry<String, ChannelHandler>> it = pipeline.iterator(); it.hasNext(); ) {
            Map.Entry<String, ChannelHandler> entry = it.next();
            ChannelHandler handler = entry.getValue();
            if (anchor == null) {
                if (handler instanceof HttpServerCodec) {
                    encodesResponses = true;
                } else if (isServerStreamCodec(handler, pipeline.channel())) {
                    encodesResponses = true;
                    stream = true;
                } else if (!(handler instanceof HttpRequestDecoder)) {
                    continue;
                }
                anchor = entry.getKey();
            } else if (GATE_NAME.equals(entry.getKey())) {
                gateIsNext = true;
            } else if (handler instanceof HttpServerUpgradeHandler) {
                // an h2c upgrade handler right after the decoder (or after a misplaced gate)
                anchor = entry.getKey();
                gateIsNext = false;
            } else {
                break;
            }
        }
        if (anchor == null || gateIsNext) {
            // No decoder (yet, or any more after an upgrade): nothing to guard, or already guarded.
            return;
        }
        if (hasGate) {
            pipeline.remove(GATE_NAME);
        }
        pipeline.addAfter(anchor, GATE_NAME, new HttpServerGate(stream, encodesResponses));
    }

    private static boolean isTrigger(ChannelHandler handler, Channel channel) {
        return handler instanceof HttpServerCodec
                || handler instanceof HttpRequestDecoder
                || handler instanceof HttpServerUpgradeHandler
                || isServerStreamCodec(handler, channel);
    }

    /**
     * Whether {@code handler} turns HTTP/2 stream frames of a server connection into HTTP/1 objects.
     * By name, so that servers without netty-codec-http2 never link it; server side when the stream's
     * connection was accepted by a server channel (a client's connection has no parent).
     */
    static boolean isServerStreamCodec(ChannelHandler handler, Channel channel) {
        boolean codec = false;
        for (Class<?> c = handler.getClass(); c != null && !codec; c = c.getSuperclass()) {
            codec = H2_STREAM_CODEC.equals(c.getName());
        }
        if (!codec) {
            return false;
        }
        Channel connection = channel.parent();
        return connection != null && connection.parent() instanceof ServerChannel;
    }
}
