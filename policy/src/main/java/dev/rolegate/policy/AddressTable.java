package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the service behind a destination, for the agent's outbound side: exact host (ASCII case
 * insensitive, IPv6 with or without brackets) and exact port; a bare {@code host:port} address
 * matches http and https, an address with a scheme only that scheme. Nothing is lenient: no
 * suffix or prefix match, no default ports, so {@code inventory.attacker.example} never matches
 * {@code inventory}. Lookups do not allocate unless the host has upper-case letters or brackets.
 */
final class AddressTable {
    private record Target(String scheme, int port, Optional<String> service) {
    }

    private final Map<String, Target[]> byHost;

    private AddressTable(Map<String, Target[]> byHost) {
        this.byHost = byHost;
    }

    static AddressTable of(Map<String, PolicyDocument.ServiceDef> services) {
        Map<String, List<Target>> build = new HashMap<>();
        for (PolicyDocument.ServiceDef service : services.values()) {
            for (String text : service.addresses() == null ? List.<String>of() : service.addresses()) {
                String[] problem = new String[1];
                Address address = Address.parse(text, problem);
                if (address == null) {
                    throw new IllegalArgumentException("service " + service.name() + ": " + problem[0]);
                }
                build.computeIfAbsent(address.host(), h -> new ArrayList<>())
                        .add(new Target(address.scheme(), address.port(), Optional.of(service.name())));
            }
        }
        Map<String, Target[]> byHost = new HashMap<>();
        build.forEach((host, targets) -> byHost.put(host, targets.toArray(new Target[0])));
        return new AddressTable(byHost);
    }

    Optional<String> lookup(String scheme, String host, int port) {
        if (scheme == null || host == null) {
            return Optional.empty();
        }
        String normalizedScheme;
        if (scheme.equalsIgnoreCase("http")) {
            normalizedScheme = "http";
        } else if (scheme.equalsIgnoreCase("https")) {
            normalizedScheme = "https";
        } else {
            return Optional.empty();
        }
        Target[] targets = byHost.get(normalizeHost(host));
        if (targets == null) {
            return Optional.empty();
        }
        // Scheme-specific addresses are validated not to overlap bare ones, so the first hit is the only one.
        for (Target t : targets) {
            if (t.port() == port && (t.scheme() == null || t.scheme().equals(normalizedScheme))) {
                return t.service();
            }
        }
        return Optional.empty();
    }

    private static String normalizeHost(String host) {
        String h = host;
        if (h.length() > 1 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
            h = h.substring(1, h.length() - 1);
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return Names.lowerAscii(h);
            }
        }
        return h;
    }
}
