package dev.rolegate.agent.runtime.audit;

import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Which {@code allow} records are shipped to the policy server ({@code ROLEGATE_AUDIT_SHIP_ALLOWS}):
 * {@code all}, {@code none}, or {@code sample:P} with {@code 0 < P <= 1} (each allow is shipped
 * with probability P). Denies and would-denies are always shipped. Local records
 * ({@code ROLEGATE_AUDIT}) are never sampled.
 *
 * @param fraction 1 for all, 0 for none
 */
public record AllowShipping(double fraction) {
    /** The default: one allow in ten, so busy services do not flood the server. */
    public static final AllowShipping DEFAULT = new AllowShipping(0.1);

    /** Parses a setting value; null or blank gives {@link #DEFAULT}. */
    public static AllowShipping parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) {
            return new AllowShipping(1);
        }
        if (v.equals("none")) {
            return new AllowShipping(0);
        }
        if (v.startsWith("sample:")) {
            try {
                double p = Double.parseDouble(v.substring("sample:".length()));
                if (p > 0 && p <= 1) {
                    return new AllowShipping(p);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below, which names the setting
            }
        }
        throw new IllegalArgumentException("ROLEGATE_AUDIT_SHIP_ALLOWS must be all, none or sample:P with 0 < P <= 1, got \""
                + value + "\"");
    }

    /** Whether to ship this record. */
    public boolean ships(AuditRecord r, DoubleSupplier random) {
        if (!AuditRecord.ALLOW.equals(r.decision())) {
            return true;
        }
        return fraction >= 1 || (fraction > 0 && random.getAsDouble() < fraction);
    }
}
