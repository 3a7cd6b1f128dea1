package dev.rolegate.server.handlers;

import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.metrics.ServerMetrics;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /metrics}: Prometheus text format. */
public final class MetricsHandler implements Handler {
    private final ServerMetrics metrics;

    public MetricsHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.respond(Responses.body(HttpResponseStatus.OK, metrics.contentType(), metrics.scrape()));
    }
}
