package dev.rolegate.agent.runtime.verify;

import dev.rolegate.bootstrap.InboundDecision;

import java.util.List;

/**
 * A token whose signature and claims were checked. Immutable; cached by the token string.
 *
 * @param caller       {@code sub}
 * @param roles        {@code roles} as presented (unmodifiable); the enforcer still intersects them with the policy
 * @param usableUntil  epoch millis after which the token no longer verifies ({@code exp} plus the allowed skew)
 * @param issuer       the issuer it was verified against
 * @param keyGeneration the key set generation it was verified against
 * @param pass         the ready-made "let it through" decision for this caller (saves an allocation per request)
 */
public record VerifiedToken(String caller, List<String> roles, long usableUntil, String issuer, long keyGeneration,
                            InboundDecision pass) {
}
