package dev.rolegate.agent.runtime.inbound;

import dev.rolegate.policy.PathNormalizer;

/**
 * Normalises a routed path: the already decoded path a server dispatches to (a servlet container's
 * context path + servlet path + path info), as opposed to a raw request target.
 *
 * <p>The path is fed to {@link PathNormalizer} with the characters that would otherwise be read as
 * syntax escaped ({@code %}, {@code ?}, {@code #}), so that it is decoded back to exactly itself and
 * gets the same checks as a raw target: dot segments, {@code //}, a backslash, {@code ;}, controls.
 * A literal {@code %} followed by two hex digits is rejected as double encoding, which only a raw
 * target that was itself rejected can produce.
 */
final class RoutedPaths {
    private RoutedPaths() {
    }

    /** The path to decide on, or a rejection; never throws. */
    static PathNormalizer.NormalizedPath normalize(String routedPath) {
        if (routedPath == null || routedPath.isEmpty() || routedPath.charAt(0) != '/') {
            // Not "/..." would be read as absolute-form or rejected: refuse it as not a path.
            return PathNormalizer.normalize("");
        }
        StringBuilder escaped = null;
        for (int i = 0; i < routedPath.length(); i++) {
            char c = routedPath.charAt(i);
            String replacement = c == '%' ? "%25" : c == '?' ? "%3F" : c == '#' ? "%23" : null;
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(routedPath.length() + 8).append(routedPath, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return PathNormalizer.normalize(escaped == null ? routedPath : escaped.toString());
    }
}
