package dev.rolegate.agent.runtime.token;

import java.util.List;

/**
 * A token obtained from the policy server for one audience.
 *
 * @param value     the compact JWS; never log it
 * @param renewAt   epoch millis from which a renewal is started (about 80 % of the lifetime)
 * @param expiresAt epoch millis from which it is never attached again
 * @param roles     its {@code roles} claim as read (unverified) from the payload, or null if unreadable
 */
record IssuedToken(String value, long renewAt, long expiresAt, List<String> roles) {
    @Override
    public String toString() {
        return "IssuedToken[renewAt=" + renewAt + ", expiresAt=" + expiresAt + ", roles=" + roles + "]";
    }
}
