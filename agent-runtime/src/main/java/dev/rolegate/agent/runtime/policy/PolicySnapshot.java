package dev.rolegate.agent.runtime.policy;

import dev.rolegate.policy.CompiledPolicy;

/**
 * One verified policy revision as the agent enforces it. Immutable; published through a volatile
 * reference so a request sees one consistent revision.
 *
 * @param rev     the revision
 * @param issuer  the server's issuer, from the signed bundle: every token's {@code iss} must equal it
 * @param policy  the compiled policy
 * @param jws     the bundle as received (what the cache stores)
 * @param jwks    the JWKS JSON that verified the bundle
 * @param source  where it came from, for logs ({@code server} or {@code cache})
 */
public record PolicySnapshot(long rev, String issuer, CompiledPolicy policy, String jws, String jwks, String source) {
}
