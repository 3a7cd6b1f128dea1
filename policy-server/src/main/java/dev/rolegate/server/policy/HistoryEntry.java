package dev.rolegate.server.policy;

/**
 * One revision of the policy history, as the admin API shows it.
 *
 * @param revision    the revision number
 * @param digest      {@code sha256:<hex>} of the canonical document
 * @param source      {@code file}, {@code demo} or {@code admin}
 * @param author      the admin's name for admin changes (PUT, rollback), else the source
 * @param activatedAt ISO-8601 instant, or null for entries written before it was recorded
 * @param policyJson  the document as canonical JSON
 */
public record HistoryEntry(long revision, String digest, String source, String author, String activatedAt,
                           String policyJson) {

    static HistoryEntry of(RevisionRepository.Persisted p) {
        return new HistoryEntry(p.revision(), p.digest(), p.source().label(), p.author(), p.activatedAt(),
                p.policyJson());
    }
}
