package dev.rolegate.agent.runtime.security;

import dev.rolegate.agent.runtime.audit.AuditSink;
import dev.rolegate.agent.runtime.config.Mode;
import dev.rolegate.agent.runtime.inbound.InboundEnforcer;
import dev.rolegate.agent.runtime.policy.PolicySnapshot;
import dev.rolegate.agent.runtime.verify.KeySource;
import dev.rolegate.agent.runtime.verify.TokenVerifier;
import dev.rolegate.bootstrap.InboundDecision;

import java.text.ParseException;

/**
 * The real inbound path of service {@code inventory} (enforce mode, fresh verifier, no audit) trusting
 * exactly the keys of one JWKS: what the Wycheproof suites send each vector's token through.
 */
final class EnforcerWithKeys {
    private EnforcerWithKeys() {
    }

    /** A fresh enforcer's decision on {@code GET /items/1} carrying {@code token}. */
    static InboundDecision decide(String jwks, PolicySnapshot snapshot, String token) throws ParseException {
        KeySource keys = new KeySource(() -> jwks, Runnable::run);
        keys.set(jwks);
        TokenVerifier verifier = new TokenVerifier("inventory", keys, snapshot::issuer, System::currentTimeMillis);
        InboundEnforcer enforcer = new InboundEnforcer("inventory", Mode.ENFORCE, false, () -> snapshot,
                verifier, AuditSink.discarding(), System::currentTimeMillis);
        return enforcer.decide("GET", "/items/1", new String[] {token}, new String[0]);
    }
}
