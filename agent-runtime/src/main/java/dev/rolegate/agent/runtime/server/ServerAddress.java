package dev.rolegate.agent.runtime.server;

import java.net.URI;
import java.util.Locale;

/**
 * The scheme, host and port of one configured policy server, so that outbound calls to it are
 * recognised (the agent's own traffic never carries a role token).
 */
record ServerAddress(String scheme, String host, int port) {

    static ServerAddress of(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
        return new ServerAddress(scheme, stripBrackets(uri.getHost()), port);
    }

    boolean matches(String otherScheme, String otherHost, int otherPort) {
        if (otherScheme == null || otherHost == null) {
            return false;
        }
        int p = otherPort >= 0 ? otherPort : defaultPort(otherScheme.toLowerCase(Locale.ROOT));
        return p == port && scheme.equalsIgnoreCase(otherScheme) && host.equalsIgnoreCase(stripBrackets(otherHost));
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static String stripBrackets(String host) {
        return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1) : host;
    }
}
