package dev.rolegate.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * What client adapters do with one hop of an outbound request: decide it through
 * {@link RolegateBridge#decideOutbound} and put the resulting token header in place of whatever the
 * previous hop (or the application) left there.
 *
 * <p>Lives on the bootstrap class path because advice inlined into JDK clients calls it. It may use
 * {@code java.base} types only: {@code java.net.http} is defined to the platform class loader, which
 * the bootstrap loader cannot see, so adapters pass plain maps and URIs and build their own header
 * objects from the result.
 *
 * <p>A redirect is a new destination, so adapters call this once per hop, never once per
 * application call. When the bridge answers {@code null} (unlisted destination, agent off, the
 * agent's own traffic) the token header is removed rather than left as the application set it:
 * a token must never reach a destination that the policy does not list.
 */
public final class OutboundGate {
    /** Header filter that keeps everything (for {@code java.net.http.HttpHeaders.of}). */
    public static final BiPredicate<String, String> ANY_HEADER = (name, value) -> true;

    private OutboundGate() {
    }

    /** Decides one hop given its URI, defaulting the port from the scheme. */
    public static OutboundAction decide(URI uri, String method) {
        return decide(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath(), method);
    }

    /** Decides one hop given its URL, defaulting the port from the scheme. */
    public static OutboundAction decide(URL url, String method) {
        return decide(url.getProtocol(), url.getHost(), url.getPort(), url.getPath(), method);
    }

    static OutboundAction decide(String scheme, String host, int port, String rawPath, String method) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        int p = port >= 0 ? port : defaultPort(s);
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return RolegateBridge.decideOutbound(s, host, p, method, path);
    }

    static int defaultPort(String scheme) {
        switch (scheme) {
            case "https":
            case "wss":
                return 443;
            case "http":
            case "ws":
                return 80;
            default:
                return -1;
        }
    }

    /**
     * Decides the hop to {@code uri} and returns the headers it must carry, or {@code null} when the
     * given headers can go out unchanged.
     *
     * @throws IOException carrying the refusal when the runtime refuses the call
     */
    public static Map<String, List<String>> headersForHop(Map<String, List<String>> headers, URI uri,
                                                          String method) throws IOException {
        OutboundAction action = decide(uri, method);
        refuseIfAsked(action);
        return rewrite(headers, RolegateBridge.tokenHeader(), action);
    }

    /**
     * The headers without the token header, or {@code null} when there is none: what an
     * application may see when it reads back a request the client sent for it.
     */
    public static Map<String, List<String>> withoutToken(Map<String, List<String>> headers) {
        return rewrite(headers, RolegateBridge.tokenHeader(), null);
    }

    /**
     * Pure part of {@link #headersForHop}: removes every header named {@code tokenHeader} (and the
     * action's header, if it differs), then adds the action's header. Returns {@code null} when
     * nothing changes, so that the common case (an unlisted destination without a token) allocates
     * nothing.
     */
    static Map<String, List<String>> rewrite(Map<String, List<String>> headers, String tokenHeader,
                                             OutboundAction action) {
        boolean attach = action != null && action.headerName() != null && action.headerValue() != null;
        if (!attach && !containsIgnoreCase(headers, tokenHeader)) {
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey();
            if (name.equalsIgnoreCase(tokenHeader) || (attach && name.equalsIgnoreCase(action.headerName()))) {
                continue;
            }
            result.put(name, e.getValue());
        }
        if (attach) {
            List<String> value = new ArrayList<>(1);
            value.add(action.headerValue());
            result.put(action.headerName(), value);
        }
        return result;
    }

    /**
     * Decides the hop to {@code url} and rewrites the token header in a
     * {@code sun.net.www.MessageHeader} (the request headers of the JDK's HttpURLConnection) in place.
     * If the JDK internals cannot be reached the call goes out without a token (and one line on
     * stderr says why): outbound fails open.
     *
     * @throws IOException carrying the refusal when the runtime refuses the call
     */
    public static void prepareMessageHeader(Object messageHeader, URL url, String method) throws IOException {
        OutboundAction action = decide(url, method);
        refuseIfAsked(action);
        String tokenHeader = RolegateBridge.tokenHeader();
        if (!MessageHeaderAccess.remove(messageHeader, tokenHeader)) {
            return;
        }
        if (action != null && action.headerName() != null && action.headerValue() != null) {
            if (!action.headerName().equalsIgnoreCase(tokenHeader)) {
                MessageHeaderAccess.remove(messageHeader, action.headerName());
            }
            MessageHeaderAccess.add(messageHeader, action.headerName(), action.headerValue());
        }
    }

    private static void refuseIfAsked(OutboundAction action) throws IOException {
        if (action != null && action.refusal() != null) {
            throw new IOException(action.refusal());
        }
    }

    private static boolean containsIgnoreCase(Map<String, List<String>> headers, String name) {
        for (String key : headers.keySet()) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }
}
