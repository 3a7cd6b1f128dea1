package dev.rolegate.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics. Each server has its own registry (tests run several servers in
 * one JVM). Label values are only ever identity names that authenticated or fixed reason codes, so
 * a client cannot grow the label space by sending made-up names.
 */
public final class ServerMetrics {
    /** Label value for a refusal whose caller did not authenticate. */
    public static final String UNAUTHENTICATED = "-";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter tokensIssued;
    private final Counter tokensRefused;
    private final Counter auditReceived;
    private final Counter denies;
    private final Counter jwksServed;

    public ServerMetrics(LongSupplier activeRevision, LongSupplier watchers) {
        tokensIssued = Counter.builder()
                .name("rolegate_tokens_issued")
                .help("Access tokens issued, by caller identity and audience")
                .labelNames("identity", "audience")
                .register(registry);
        tokensRefused = Counter.builder()
                .name("rolegate_tokens_refused")
                .help("Token requests refused, by caller identity (a failed login: the claimed identity when the policy names it, else \"-\") and OAuth error")
                .labelNames("identity", "error")
                .register(registry);
        auditReceived = Counter.builder()
                .name("rolegate_audit_records_received")
                .help("Decision records stored from agents, by service and decision")
                .labelNames("service", "decision")
                .register(registry);
        denies = Counter.builder()
                .name("rolegate_denies")
                .help("Denied requests reported by agents (decision deny), by service")
                .labelNames("service")
                .register(registry);
        // Shows whether agents keep their JWKS refetches (unknown kid) within their rate limit.
        jwksServed = Counter.builder()
                .name("rolegate_jwks_requests")
                .help("GET /.well-known/jwks.json requests answered")
                .register(registry);
        GaugeWithCallback.builder()
                .name("rolegate_policy_revision")
                .help("Active policy revision")
                .callback(cb -> cb.call(activeRevision.getAsLong()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("rolegate_policy_watchers")
                .help("Agents currently long-polling GET /v1/policy")
                .callback(cb -> cb.call(watchers.getAsLong()))
                .register(registry);
    }

    public void tokenIssued(String identity, String audience) {
        tokensIssued.labelValues(identity, audience).inc();
    }

    public void tokenRefused(String identity, String error) {
        tokensRefused.labelValues(identity == null ? UNAUTHENTICATED : identity, error).inc();
    }

    /** A stored decision record; {@code service} is the authenticated shipping identity. */
    public void auditReceived(String service, String decision) {
        auditReceived.labelValues(service, decision).inc();
        if ("deny".equals(decision)) {
            denies.labelValues(service).inc();
        }
    }

    public void jwksServed() {
        jwksServed.inc();
    }

    /** The Prometheus text exposition. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String contentType() {
        return writer.getContentType();
    }
}
