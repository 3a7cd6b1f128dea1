package dev.rolegate.agent.runtime.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HTTP access to the policy server replicas, with its own {@link HttpClient} (HTTP/1.1, 2 s connect
 * timeout, no redirects). Replicas are tried in the configured order starting at the last one that
 * answered; a connection failure or a 5xx answer moves on to the next.
 */
public final class PolicyServerClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final List<URI> servers;
    private final List<ServerAddress> addresses;
    private final String basicAuthorization;
    /** {@code private_key_jwt} instead of Basic when {@code ROLEGATE_KEY_FILE} is set; else null. */
    private final ClientAssertions assertions;
    /** Per replica: its token endpoint URL from its metadata, the {@code aud} of assertions. */
    private final String[] tokenEndpoints;
    /** Created on first use, on an agent thread: building it loads TLS classes, which premain must not pay for. */
    private volatile HttpClient http;
    private volatile int preferred;

    /**
     * @param servers  base URLs in order of preference
     * @param identity this workload's identity
     * @param secret   its client secret, or null (then only unauthenticated calls work)
     */
    public PolicyServerClient(List<URI> servers, String identity, String secret) {
        this(servers, identity, secret, null);
    }

    /**
     * @param assertions when not null, requests authenticate with {@code private_key_jwt} and the
     *                   secret is not used
     */
    public PolicyServerClient(List<URI> servers, String identity, String secret, ClientAssertions assertions) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no policy server");
        }
        this.servers = List.copyOf(servers);
        List<ServerAddress> a = new ArrayList<>();
        for (URI u : servers) {
            a.add(ServerAddress.of(u));
        }
        this.addresses = List.copyOf(a);
        this.assertions = assertions;
        this.tokenEndpoints = new String[servers.size()];
        this.basicAuthorization = assertions != null || identity == null || secret == null ? null : basic(identity, secret);
    }

    private HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    h = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = h;
                }
            }
        }
        return h;
    }

    /** RFC 6749 section 2.3.1: both parts form-urlencoded, then Basic. */
    static String basic(String identity, String secret) {
        String pair = URLEncoder.encode(identity, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the destination is one of the configured policy servers. */
    public boolean isPolicyServer(String scheme, String host, int port) {
        for (ServerAddress a : addresses) {
            if (a.matches(scheme, host, port)) {
                return true;
            }
        }
        return false;
    }

    /** Whether client credentials are configured. */
    public boolean hasCredentials() {
        return basicAuthorization != null || assertions != null;
    }

    /**
     * The replica's token endpoint as its RFC 8414 metadata names it (the {@code aud} the server
     * expects), fetched once; {@code <base>/v1/token} when the metadata cannot be read.
     */
    private String tokenEndpoint(int index, Duration timeout) throws InterruptedException {
        String known = tokenEndpoints[index];
        if (known != null) {
            return known;
        }
        String fallback = servers.get(index) + "/v1/token";
        try {
            HttpResponse<String> r = http().send(HttpRequest.newBuilder(
                            URI.create(servers.get(index) + "/.well-known/oauth-authorization-server"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 200 && com.nimbusds.jose.util.JSONObjectUtils.parse(r.body())
                    .get("token_endpoint") instanceof String endpoint) {
                tokenEndpoints[index] = endpoint;
                return endpoint;
            }
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            // The send that follows reports an unreachable server; here the fallback is enough.
            return fallback;
        }
        return fallback;
    }

    /** The configured base URLs. */
    public List<URI> servers() {
        return servers;
    }

    /**
     * Sends a request to the first replica that answers.
     *
     * @param pathAndQuery  e.g. {@code /v1/policy?wait=30}
     * @param authenticated whether to add the client's Basic credentials
     * @param customize     adds method, headers and body
     * @return the first answer below 500, or the last answer when every replica failed with a 5xx
     * @throws IOException when no replica could be reached (the last failure)
     */
    public HttpResponse<String> send(String pathAndQuery, boolean authenticated, Duration timeout,
                                     UnaryOperator<HttpRequest.Builder> customize) throws IOException, InterruptedException {
        int n = servers.size();
        int start = preferred;
        IOException lastFailure = null;
        HttpResponse<String> lastAnswer = null;
        for (int i = 0; i < n; i++) {
            int index = (start + i) % n;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(servers.get(index) + pathAndQuery)).timeout(timeout);
            if (authenticated && basicAuthorization != null) {
                b.header("Authorization", basicAuthorization);
            } else if (authenticated && assertions != null) {
                b.header(ClientAssertions.HEADER, assertions.sign(tokenEndpoint(index, timeout)));
            }
            try {
                HttpResponse<String> r = http().send(customize.apply(b).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() < 500) {
                    preferred = index;
                    return r;
                }
                lastAnswer = r;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        if (lastAnswer != null) {
            return lastAnswer;
        }
        throw lastFailure;
    }

    /** A one-line description of a failure to reach the servers, for logs. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
