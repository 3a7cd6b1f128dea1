package dev.rolegate.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.StartupException;
import dev.rolegate.server.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Persists the active revision in {@code ROLEGATE_DATA_DIR/policy/}: {@code current.json} (the
 * revision number, digest, source, file hash and the document) and a copy per revision under
 * {@code history/}. Written before a revision is published, so that a restart never hands out a
 * revision number again for a different document.
 */
final class RevisionRepository {
    private final Path dir;
    private final Path current;

    RevisionRepository(Path dataDir) {
        this.dir = dataDir.resolve("policy");
        this.current = dir.resolve("current.json");
    }

    /** What was active when the server last ran, if it ever did. */
    Optional<Persisted> load() throws StartupException {
        if (!Files.exists(current)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readString(current, StandardCharsets.UTF_8));
            long rev = node.path("revision").asLong(-1);
            if (rev < 1 || !node.path("digest").isTextual() || !node.path("policy").isObject()) {
                throw new IOException("missing or malformed fields");
            }
            return Optional.of(new Persisted(rev, node.path("digest").asText(),
                    PolicySource.fromLabel(node.path("source").asText("file")),
                    node.path("fileHash").asText("absent"),
                    Json.write(node.path("policy"))));
        } catch (IOException | IllegalArgumentException e) {
            // Refusing to start is safer than guessing: a guessed revision could repeat a number
            // that agents already hold for another document.
            throw new StartupException("cannot read " + current + " (" + e.getMessage() + "); repair it or remove "
                    + dir + " to start revisions over");
        }
    }

    /** Records {@code revision} as the active one. */
    void save(PolicyRevision revision) throws IOException {
        ObjectNode node = Json.object();
        node.put("revision", revision.revision());
        node.put("digest", revision.digest());
        node.put("source", revision.source().label());
        node.put("fileHash", revision.fileHash());
        node.put("activatedAt", revision.activatedAt().toString());
        node.set("policy", Json.MAPPER.readTree(revision.canonicalJson()));
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        AtomicFiles.write(dir.resolve("history").resolve(revision.revision() + ".json"), bytes, false);
        AtomicFiles.write(current, bytes, false);
    }

    /**
     * The last active revision as stored.
     *
     * @param policyJson the document as canonical JSON
     */
    record Persisted(long revision, String digest, PolicySource source, String fileHash, String policyJson) {
    }

    /** For the log. */
    Path directory() {
        return dir;
    }
}
