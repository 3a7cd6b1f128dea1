package dev.rolegate.server.handlers;

import dev.rolegate.server.auth.ClientAuthRequest;
import dev.rolegate.server.auth.ClientAuthentication;
import dev.rolegate.server.auth.PrivateKeyJwtAuthenticator;
import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.http.Handler;
import dev.rolegate.server.http.Responses;
import dev.rolegate.server.policy.PolicyBundles;
import dev.rolegate.server.policy.PolicyRevision;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/policy}: the signed bundle of the active revision (PROTOCOL.md "Policy bundle"),
 * with {@code ETag: "<rev>"}, 304 for a matching {@code If-None-Match}, and {@code ?wait=N} long
 * polls handed to {@link PolicyWatchers}.
 */
public final class PolicyGetHandler implements Handler {
    /** Longest long poll; larger {@code wait} values are clamped to it. */
    public static final int MAX_WAIT_SECONDS = 60;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,30}");

    private final ClientAuthentication authentication;
    private final Supplier<PolicyRevision> current;
    private final PolicyBundles bundles;
    private final PolicyWatchers watchers;

    public PolicyGetHandler(ClientAuthentication authentication, Supplier<PolicyRevision> current,
                            PolicyBundles bundles) {
        this.authentication = authentication;
        this.current = current;
        this.bundles = bundles;
        this.watchers = new PolicyWatchers(current, this::sendBundle, PolicyGetHandler::sendNotModified);
    }

    /** The long polls, so that the server can feed them revisions and count them. */
    public PolicyWatchers watchers() {
        return watchers;
    }

    @Override
    public void handle(Exchange exchange) {
        String waitParam = exchange.queryParam("wait");
        long waitSeconds = 0;
        if (waitParam != null) {
            if (!INTEGER.matcher(waitParam).matches()) {
                exchange.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                        "wait must be a whole number of seconds (0 to " + MAX_WAIT_SECONDS + ")");
                return;
            }
            // Clamp instead of refusing: an agent built for a longer maximum still works.
            BigInteger asked = new BigInteger(waitParam);
            waitSeconds = asked.max(BigInteger.ZERO).min(BigInteger.valueOf(MAX_WAIT_SECONDS)).longValueExact();
        }
        long wait = waitSeconds;
        authentication.authenticate(ClientAuthRequest.fromHeaders(exchange.header(HttpHeaderNames.AUTHORIZATION),
                        exchange.header(PrivateKeyJwtAuthenticator.ASSERTION_HEADER)))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        ClientErrors.asyncFailure(exchange, error);
                    } else if (!result.authenticated()) {
                        ClientErrors.authenticationFailed(exchange, result);
                    } else {
                        answer(exchange, wait);
                    }
                });
    }

    private void answer(Exchange exchange, long waitSeconds) {
        PolicyRevision now = current.get();
        OptionalLong known = knownRevision(exchange.header(HttpHeaderNames.IF_NONE_MATCH), now.revision());
        if (known.isEmpty() || known.getAsLong() != now.revision()) {
            sendBundle(exchange, now);
        } else if (waitSeconds == 0) {
            sendNotModified(exchange, now);
        } else {
            watchers.watch(exchange, now.revision(), waitSeconds * 1000);
        }
    }

    /**
     * The revision named by {@code If-None-Match}: the current one if the list names it, else the
     * first revision in it; empty when it names none ({@code *} or foreign tags never match).
     */
    static OptionalLong knownRevision(String ifNoneMatch, long currentRevision) {
        if (ifNoneMatch == null) {
            return OptionalLong.empty();
        }
        OptionalLong first = OptionalLong.empty();
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() < 3 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
                continue;
            }
            String digits = t.substring(1, t.length() - 1);
            if (!digits.matches("\\d{1,18}")) {
                continue;
            }
            long rev = Long.parseLong(digits);
            if (rev == currentRevision) {
                return OptionalLong.of(rev);
            }
            if (first.isEmpty()) {
                first = OptionalLong.of(rev);
            }
        }
        return first;
    }

    private void sendBundle(Exchange exchange, PolicyRevision revision) {
        byte[] body = bundles.bundleOf(revision).getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse r = Responses.body(HttpResponseStatus.OK, "application/jose", body);
        r.headers().set(HttpHeaderNames.ETAG, etag(revision));
        // Revalidate every time: the ETag makes that cheap and a stale policy is a security problem.
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        exchange.respond(r);
    }

    private static void sendNotModified(Exchange exchange, PolicyRevision revision) {
        FullHttpResponse r = Responses.empty(HttpResponseStatus.NOT_MODIFIED);
        r.headers().set(HttpHeaderNames.ETAG, etag(revision));
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        exchange.respond(r);
    }

    static String etag(PolicyRevision revision) {
        return "\"" + revision.revision() + "\"";
    }
}
