package dev.rolegate.server.policy;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyDocument;
import dev.rolegate.policy.PolicyParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One activated policy: a revision number, the document, its compiled matcher and its canonical
 * JSON with the digest that the signed bundle carries.
 *
 * @param revision      positive, only grows across the server's life and restarts
 * @param canonicalJson {@link PolicyParser#toJson} of the document
 * @param digest        {@code sha256:<hex>} of {@code canonicalJson} in UTF-8 (PROTOCOL.md)
 * @param fileHash      content hash of the policy file when this was activated, {@code "absent"} without one;
 *                      lets a restart tell whether an admin PUT is still newer than the file
 * @param author        who activated it: the admin's name for an admin change, else the source's label
 */
public record PolicyRevision(
        long revision,
        PolicyDocument document,
        CompiledPolicy compiled,
        String canonicalJson,
        String digest,
        PolicySource source,
        String fileHash,
        Instant activatedAt,
        String author) {

    /** Compiles and digests a validated document; the author is the source's label. */
    public static PolicyRevision of(long revision, PolicyDocument document, PolicySource source, String fileHash,
                                    Instant activatedAt) {
        return of(revision, document, source, fileHash, activatedAt, source.label());
    }

    /** Compiles and digests a validated document. */
    public static PolicyRevision of(long revision, PolicyDocument document, PolicySource source, String fileHash,
                                    Instant activatedAt, String author) {
        String json = PolicyParser.toJson(document);
        return new PolicyRevision(revision, document, CompiledPolicy.compile(document), json, digestOf(json),
                source, fileHash, activatedAt, author);
    }

    /** The bundle digest of a canonical JSON text. */
    public static String digestOf(String canonicalJson) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A one-line description for the log. */
    public String summary() {
        PolicyDocument d = document;
        return "revision " + revision + " (" + source.label() + (author.equals(source.label()) ? "" : " by " + author)
                + ", " + d.services().size() + " services, "
                + d.identities().size() + " identities, " + d.roles().size() + " roles, "
                + d.bindings().size() + " bindings, " + digest + ")";
    }
}
