package dev.rolegate.policy;

/**
 * One entry of a service's {@code addresses}: {@code host:port}, {@code http://host:port} or
 * {@code https://host:port}. The port is required (1..65535) because tokens are attached on an exact
 * destination match and a default port would widen it; userinfo, paths, queries and fragments are
 * refused for the same reason. IPv6 hosts are written in brackets ({@code [::1]:8080}).
 *
 * @param scheme {@code "http"}, {@code "https"}, or {@code null} for both
 * @param host   lower-cased, IPv6 without brackets
 */
record Address(String scheme, String host, int port) {

    /** Parses {@code text}; returns {@code null} and adds a reason to {@code problem[0]} when malformed. */
    static Address parse(String text, String[] problem) {
        String quoted = Quote.of(text);
        String rest = text;
        String scheme = null;
        int sep = text.indexOf("://");
        if (sep >= 0) {
            scheme = Names.lowerAscii(text.substring(0, sep));
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem[0] = "address " + quoted + " has scheme " + Quote.of(text.substring(0, sep))
                        + "; only http:// and https:// (or none, for both) are allowed";
                return null;
            }
            rest = text.substring(sep + 3);
        }
        for (char c : new char[] {'/', '?', '#', '@'}) {
            if (rest.indexOf(c) >= 0) {
                String what = c == '@' ? "user information" : c == '/' ? "a path" : c == '?' ? "a query" : "a fragment";
                problem[0] = "address " + quoted + " must be host:port, without " + what;
                return null;
            }
        }
        String host;
        String portText;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                problem[0] = "address " + quoted + " must be [ipv6]:port";
                return null;
            }
            host = rest.substring(1, close);
            portText = rest.substring(close + 2);
            if (host.isEmpty() || !host.chars().allMatch(c -> PercentDecoder.hex((char) c) >= 0 || c == ':' || c == '.')
                    || host.indexOf(':') < 0) {
                problem[0] = "address " + quoted + " has an invalid IPv6 host " + Quote.of(host);
                return null;
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                problem[0] = "address " + quoted + " has no port; write it as host:port";
                return null;
            }
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
            String hostProblem = hostProblem(host);
            if (hostProblem != null) {
                problem[0] = "address " + quoted + " " + hostProblem;
                return null;
            }
        }
        int port = parsePort(portText);
        if (port < 0) {
            problem[0] = "address " + quoted + " has an invalid port " + Quote.of(portText) + " (1 to 65535)";
            return null;
        }
        return new Address(scheme, Names.lowerAscii(host), port);
    }

    private static String hostProblem(String host) {
        if (host.isEmpty()) {
            return "has an empty host";
        }
        if (host.indexOf(':') >= 0) {
            return "has a colon in the host; write IPv6 addresses in brackets, like [::1]:8080";
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "has an empty label in host " + Quote.of(host);
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return "has " + Quote.codePoint(label.codePointAt(i)) + " in host " + Quote.of(host)
                            + (c >= 128 ? "; write internationalised names in their ASCII (xn--) form" : "");
                }
            }
        }
        return null;
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /** Whether a request with this scheme could reach this address ({@code null} scheme: both). */
    boolean coversScheme(String requestScheme) {
        return scheme == null || scheme.equals(requestScheme);
    }
}
