package dev.rolegate.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator with the body limit answered in JSON like every other error. A declared
 * {@code Content-Length} over the limit is refused before a byte of the body is read; a chunked body
 * as soon as it crosses the limit.
 */
final class JsonHttpObjectAggregator extends HttpObjectAggregator {
    private final int maxContentLength;

    JsonHttpObjectAggregator(int maxContentLength) {
        super(maxContentLength);
        this.maxContentLength = maxContentLength;
    }

    private FullHttpResponse tooLarge() {
        return Responses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                "the request body exceeds " + maxContentLength + " bytes");
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        // As Netty decides: keep the connection when the client can still be told before it sends
        // the body (or will send it and let us discard it); close when the body is already in.
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        FullHttpResponse response = tooLarge();
        response.headers().set(HttpHeaderNames.CONNECTION, close ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse r && r.status().code() == 413) {
            ReferenceCountUtil.release(r);
            return tooLarge();
        }
        if (response instanceof FullHttpResponse r && r.status().code() == 417) {
            ReferenceCountUtil.release(r);
            return Responses.error(HttpResponseStatus.EXPECTATION_FAILED, "expectation_failed",
                    "only \"Expect: 100-continue\" is supported");
        }
        return response;
    }
}
