package dev.rolegate.agent.runtime.token;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.rolegate.agent.runtime.server.PolicyServerClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** One {@code POST /v1/token} (client credentials, {@code client_secret_basic}) for one audience. */
final class TokenRequester {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final PolicyServerClient server;
    private final LongSupplier clock;

    TokenRequester(PolicyServerClient server, LongSupplier clock) {
        this.server = server;
        this.clock = clock;
    }

    IssuedToken request(String audience) throws IOException, InterruptedException, TokenException {
        if (!server.hasCredentials()) {
            throw new TokenException("no client secret is configured (ROLEGATE_SECRET_FILE)");
        }
        long sentAt = clock.getAsLong();
        String form = "grant_type=client_credentials&audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8);
        HttpResponse<String> r = server.send("/v1/token", true, TIMEOUT, b -> b
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII)));
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(r.body());
        } catch (java.text.ParseException | RuntimeException e) {
            throw new TokenException("the token endpoint answered HTTP " + r.statusCode() + " without a JSON body");
        }
        if (r.statusCode() != 200) {
            Object error = json.get("error");
            throw new TokenException("the token endpoint answered HTTP " + r.statusCode()
                    + (error instanceof String s ? " " + s : ""));
        }
        if (!(json.get("access_token") instanceof String token) || token.isEmpty()) {
            throw new TokenException("the token endpoint answered without an access_token");
        }
        long lifetimeMillis = lifetimeMillis(json.get("expires_in"), token, sentAt);
        if (lifetimeMillis <= 0) {
            throw new TokenException("the token endpoint answered with an already expired token");
        }
        return new IssuedToken(token, sentAt + lifetimeMillis * 8 / 10, sentAt + lifetimeMillis, roles(token));
    }

    /** From {@code expires_in}, counted from when the request was sent; bounded by the token's own {@code exp}. */
    private static long lifetimeMillis(Object expiresIn, String token, long sentAt) throws TokenException {
        long fromExp = Long.MAX_VALUE;
        try {
            Object exp = JWSObject.parse(token).getPayload().toJSONObject().get("exp");
            if (exp instanceof Number n) {
                fromExp = n.longValue() * 1000 - sentAt;
            }
        } catch (java.text.ParseException | RuntimeException e) {
            // Opaque to us: expires_in alone decides.
            fromExp = Long.MAX_VALUE;
        }
        if (expiresIn instanceof Number n && n.longValue() > 0) {
            return Math.min(n.longValue() * 1000, fromExp);
        }
        if (fromExp != Long.MAX_VALUE) {
            return fromExp;
        }
        throw new TokenException("the token endpoint answered without expires_in");
    }

    private static List<String> roles(String token) {
        try {
            Object roles = JWSObject.parse(token).getPayload().toJSONObject().get("roles");
            if (roles instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    out.add(String.valueOf(o));
                }
                return List.copyOf(out);
            }
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The token endpoint answered, but not with a usable token. */
    static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;

        TokenException(String message) {
            super(message, null, false, false);
        }
    }
}
