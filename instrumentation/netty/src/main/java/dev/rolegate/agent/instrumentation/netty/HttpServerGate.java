package dev.rolegate.agent.instrumentation.netty;

import dev.rolegate.bootstrap.InboundDecision;
import dev.rolegate.bootstrap.InboundGate;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Decides every request of one connection (or one HTTP/2 stream) on its own, right after the
 * request decoder. A request that passes continues with its headers edited in place; one that is
 * stopped, and every chunk of its body up to {@code LastHttpContent}, is released here and never
 * reaches the next handler, and its problem+json answer is written.
 *
 * <p>Pipelined HTTP/1.1 requests must be answered in order. The gate counts the requests it let
 * through whose response has not been completely written yet; when it stops a request while some
 * are still being answered by the application, it holds its answer until they are, writes it with
 * {@code Connection: close}, drops whatever the client pipelined after it and closes: the client
 * retries those on a new connection, as HTTP/1.1 provides. Otherwise keep-alive is kept.
 *
 * <p>Not sharable: one per pipeline, state confined to the channel's event loop.
 */
public final class HttpServerGate extends ChannelDuplexHandler {
    private final boolean stream;
    private final boolean encodesResponses;
    /** Requests let through whose final response is not completely written yet. */
    private int inFlight;
    /** Inside a final response that the application is writing. */
    private boolean responding;
    /** Releasing the body of a stopped request up to its last chunk. */
    private boolean discarding;
    /** An answer waiting for the application's earlier responses; everything read after it is dropped. */
    private FullHttpResponse held;
    private boolean closing;
    /** Our own answer while it passes this handler's write (when written from the tail). */
    private Object own;
    /** Whether anything was passed on since the last read completed. */
    private boolean passedOn;

    /**
     * @param stream           whether this pipeline is one HTTP/2 stream (no keep-alive, never closed here)
     * @param encodesResponses whether the HTTP encoder sits before this handler (else answers are
     *                         written from the pipeline's tail so that they pass it)
     */
    public HttpServerGate(boolean stream, boolean encodesResponses) {
        this.stream = stream;
        this.encodesResponses = encodesResponses;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest) {
            onRequest(ctx, (HttpRequest) msg);
            return;
        }
        if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        passedOn = true;
        ctx.fireChannelRead(msg);
    }

    /**
     * Servers that read on demand (Reactor Netty turns auto-read off) wait for the message they asked
     * for; when this read produced nothing for them because the gate kept it, ask for the next one.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!passedOn && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        passedOn = false;
        ctx.fireChannelReadComplete();
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        InboundDecision decision = NettyExchange.decide(request);
        if (decision.proceed()) {
            boolean admitted;
            try {
                admitted = NettyExchange.admit(request, decision);
            } catch (RuntimeException e) {
                admitted = false;
            }
            if (admitted) {
                discarding = false;
                inFlight++;
                passedOn = true;
                ctx.fireChannelRead(request);
                return;
            }
            decision = InboundGate.internalError();
        }
        boolean bodyPending = !(request instanceof LastHttpContent);
        discarding = bodyPending;
        boolean close = !stream && (!HttpUtil.isKeepAlive(request) || inFlight > 0
                || (bodyPending && HttpUtil.is100ContinueExpected(request))
                || request.decoderResult().isFailure());
        FullHttpResponse response;
        try {
            response = NettyExchange.answer(ctx.alloc(), request, decision, stream, close);
        } finally {
            ReferenceCountUtil.release(request);
        }
        if (inFlight > 0) {
            held = response;
            closing = true;
        } else {
            send(ctx, response, close);
        }
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
        ChannelFuture written;
        if (encodesResponses) {
            written = ctx.writeAndFlush(response);
        } else {
            own = response;
            try {
                written = ctx.channel().writeAndFlush(response);
            } finally {
                own = null;
            }
        }
        if (close) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg == own) {
            ctx.write(msg, promise);
            return;
        }
        if (msg instanceof HttpResponse) {
            HttpResponseStatus status = ((HttpResponse) msg).status();
            // 1xx answers (100 Continue) are not the final response; 101 ends HTTP on this connection
            responding = status.code() >= 200 || status.code() == 101;
        }
        boolean completes = responding && msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (completes) {
            responding = false;
            inFlight = Math.max(0, inFlight - 1);
            if (inFlight == 0 && held != null) {
                FullHttpResponse answer = held;
                held = null;
                send(ctx, answer, true);
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseHeld();
        super.channelInactive(ctx);
    }

    private void releaseHeld() {
        if (held != null) {
            ReferenceCountUtil.release(held);
            held = null;
        }
    }
}
