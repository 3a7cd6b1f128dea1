package dev.rolegate.agent.runtime.verify;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.rolegate.bootstrap.InboundDecision;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Verifies role tokens presented to this service (CONTRACT.md section 4): ES256 signature by a key of
 * the policy server, {@code typ} {@code at+jwt}, {@code iss} equal to the issuer of the current
 * signed policy, {@code aud} exactly this identity, {@code exp} required, {@code exp}/{@code nbf}/
 * {@code iat} within 60 s of skew, {@code sub} a valid identity name, {@code roles} an array of strings.
 *
 * <p>{@code aud} must be a single JSON string: an array is rejected even with one element. RFC 7519
 * allows arrays, but the contract says "a single value" and the policy server only ever issues a
 * string, so an array can only come from somewhere else.
 *
 * <p>Verified tokens are cached by their string (bounded; keyed by {@link TokenCacheKey}); a hit is still
 * checked against its expiry, the current issuer and the current key set.
 */
public final class TokenVerifier {
    /** Allowed clock skew for exp, nbf and iat. */
    public static final long SKEW_MILLIS = 60_000;
    /** Longer tokens are rejected before parsing. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    static final int MAX_CACHE_ENTRIES = 10_000;
    private static final Set<String> TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final String identity;
    private final KeySource keys;
    private final Supplier<String> issuer;
    private final LongSupplier clock;
    private final int maxCacheEntries;
    private final ConcurrentHashMap<TokenCacheKey, VerifiedToken> cache = new ConcurrentHashMap<>();

    /**
     * @param identity this service's identity: the only accepted audience
     * @param issuer   the issuer of the current signed policy, or null when none is loaded
     * @param clock    epoch millis
     */
    public TokenVerifier(String identity, KeySource keys, Supplier<String> issuer, LongSupplier clock) {
        this(identity, keys, issuer, clock, MAX_CACHE_ENTRIES);
    }

    TokenVerifier(String identity, KeySource keys, Supplier<String> issuer, LongSupplier clock, int maxCacheEntries) {
        this.maxCacheEntries = maxCacheEntries;
        this.identity = identity;
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** Verifies {@code token}; never returns null. */
    public VerifiedToken verify(String token) throws JwsRejectedException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new JwsRejectedException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        long now = clock.getAsLong();
        String iss = issuer.get();
        KeySource.Keys k = keys.current();
        if (iss == null || k == null) {
            throw new JwsRejectedException("no signed policy loaded yet, so no issuer to trust");
        }
        TokenCacheKey key = new TokenCacheKey(token);
        VerifiedToken hit = cache.get(key);
        if (hit != null) {
            if (now < hit.usableUntil() && hit.keyGeneration() == k.generation() && iss.equals(hit.issuer())) {
                return hit;
            }
            cache.remove(key, hit);
        }
        VerifiedToken v = verifyUncached(token, now, iss, k);
        remember(key, v, now);
        return v;
    }

    private VerifiedToken verifyUncached(String token, long now, String iss, KeySource.Keys k) throws JwsRejectedException {
        JWSObject jws;
        try {
            jws = Es256Jws.verify(token, k.set(), TOKEN_TYPES);
        } catch (JwsRejectedException e) {
            if (e.unknownKey()) {
                keys.requestRefetch();
            }
            throw e;
        }
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(jws.getPayload().toString());
        } catch (ParseException | RuntimeException e) {
            throw new JwsRejectedException("token payload is not a JSON object");
        }
        if (!iss.equals(claims.get("iss"))) {
            throw new JwsRejectedException("token issuer is not the policy server's issuer");
        }
        Object aud = claims.get("aud");
        if (!(aud instanceof String)) {
            throw new JwsRejectedException(aud == null ? "token has no aud" : "token aud is not a single string");
        }
        if (!identity.equals(aud)) {
            throw new JwsRejectedException("token is for " + aud + ", not for " + identity);
        }
        long exp = seconds(claims, "exp", true);
        if (now - SKEW_MILLIS >= exp * 1000) {
            throw new JwsRejectedException("token expired");
        }
        long nbf = seconds(claims, "nbf", false);
        if (nbf != Long.MIN_VALUE && nbf * 1000 > now + SKEW_MILLIS) {
            throw new JwsRejectedException("token not valid yet (nbf in the future)");
        }
        long iat = seconds(claims, "iat", false);
        if (iat != Long.MIN_VALUE && iat * 1000 > now + SKEW_MILLIS) {
            throw new JwsRejectedException("token issued in the future (iat)");
        }
        Object sub = claims.get("sub");
        if (!(sub instanceof String caller) || !NAME.matcher(caller).matches()) {
            throw new JwsRejectedException("token sub is missing or not a valid identity name");
        }
        Object clientId = claims.get("client_id");
        if (clientId != null && !caller.equals(clientId)) {
            throw new JwsRejectedException("token client_id differs from sub");
        }
        List<String> roles = roles(claims.get("roles"));
        return new VerifiedToken(caller, roles, exp * 1000 + SKEW_MILLIS, iss, k.generation(), InboundDecision.pass(caller));
    }

    private static long seconds(Map<String, Object> claims, String name, boolean required) throws JwsRejectedException {
        Object v = claims.get(name);
        if (v == null) {
            if (required) {
                throw new JwsRejectedException("token has no " + name);
            }
            return Long.MIN_VALUE;
        }
        if (!(v instanceof Number n)) {
            throw new JwsRejectedException("token " + name + " is not a number");
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || d < 0 || d > 1e11) {
            throw new JwsRejectedException("token " + name + " is out of range");
        }
        return (long) d;
    }

    private static List<String> roles(Object value) throws JwsRejectedException {
        if (!(value instanceof List<?> list)) {
            throw new JwsRejectedException("token roles is not an array of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new JwsRejectedException("token roles is not an array of strings");
            }
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    private void remember(TokenCacheKey key, VerifiedToken v, long now) {
        if (cache.size() >= maxCacheEntries) {
            cache.values().removeIf(e -> e.usableUntil() <= now);
            if (cache.size() >= maxCacheEntries) {
                cache.clear();
            }
        }
        cache.put(key, v);
    }

    /** Number of cached tokens (tests). */
    int cacheSize() {
        return cache.size();
    }
}
