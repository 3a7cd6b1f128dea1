package dev.rolegate.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.Log;
import dev.rolegate.server.StartupException;
import dev.rolegate.server.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Persists revisions in {@code ROLEGATE_DATA_DIR/policy/}: {@code history/<rev>.json} for every
 * revision ever activated (number, digest, source, author, time, file hash and the document) and
 * {@code current.json}, a copy of the active one.
 *
 * <p>Crash safety: each file is written whole and renamed into place ({@link AtomicFiles}), the
 * history entry first and {@code current.json} last. {@code current.json} is the commit point: a
 * crash before it leaves the old revision active, and the history entry written for the revision
 * that never became active is removed at the next start ({@link #load}), so the history only lists
 * revisions that were served.
 */
final class RevisionRepository {
    private static final Pattern HISTORY_FILE = Pattern.compile("(\\d{1,18})\\.json");
    private final Path dir;
    private final Path history;
    private final Path current;

    RevisionRepository(Path dataDir) {
        this.dir = dataDir.resolve("policy");
        this.history = dir.resolve("history");
        this.current = dir.resolve("current.json");
    }

    /** What was active when the server last ran, if it ever did. */
    Optional<Persisted> load() throws StartupException {
        if (!Files.exists(current)) {
            return Optional.empty();
        }
        Persisted p;
        try {
            p = parse(Json.MAPPER.readTree(Files.readString(current, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            // Refusing to start is safer than guessing: a guessed revision could repeat a number
            // that agents already hold for another document.
            throw new StartupException("cannot read " + current + " (" + e.getMessage() + "); repair it or remove "
                    + dir + " to start revisions over");
        }
        removeUncommitted(p.revision());
        return Optional.of(p);
    }

    private void removeUncommitted(long activeRevision) {
        for (long rev : revisionNumbers()) {
            if (rev > activeRevision) {
                try {
                    Files.deleteIfExists(history.resolve(rev + ".json"));
                    Log.info("Policy revision " + rev + " was being written when the server stopped and never became"
                            + " active; removed from the history");
                } catch (IOException e) {
                    Log.warn("cannot remove uncommitted history entry " + rev + ": " + e.getMessage());
                }
            }
        }
    }

    private static Persisted parse(JsonNode node) throws IOException {
        long rev = node.path("revision").asLong(-1);
        if (rev < 1 || !node.path("digest").isTextual() || !node.path("policy").isObject()) {
            throw new IOException("missing or malformed fields");
        }
        PolicySource source = PolicySource.fromLabel(node.path("source").asText("file"));
        return new Persisted(rev, node.path("digest").asText(), source,
                node.path("fileHash").asText("absent"), Json.write(node.path("policy")),
                node.path("author").asText(source.label()), node.path("activatedAt").asText(null));
    }

    /** Records {@code revision} as the active one: history entry first, then the commit point. */
    void save(PolicyRevision revision) throws IOException {
        ObjectNode node = Json.object();
        node.put("revision", revision.revision());
        node.put("digest", revision.digest());
        node.put("source", revision.source().label());
        node.put("author", revision.author());
        node.put("fileHash", revision.fileHash());
        node.put("activatedAt", revision.activatedAt().toString());
        node.set("policy", Json.MAPPER.readTree(revision.canonicalJson()));
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        AtomicFiles.write(history.resolve(revision.revision() + ".json"), bytes, false);
        AtomicFiles.write(current, bytes, false);
    }

    /** Every revision in the history, newest first. */
    List<Persisted> list() throws IOException {
        List<Persisted> all = new ArrayList<>();
        for (long rev : revisionNumbers()) {
            read(rev).ifPresent(all::add);
        }
        all.sort(Comparator.comparingLong(Persisted::revision).reversed());
        return all;
    }

    /** One revision from the history, if it is there and readable. */
    Optional<Persisted> read(long revision) throws IOException {
        try {
            return Optional.of(parse(Json.MAPPER.readTree(
                    Files.readString(history.resolve(revision + ".json"), StandardCharsets.UTF_8))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException("history entry " + revision + " is malformed: " + e.getMessage(), e);
        }
    }

    private List<Long> revisionNumbers() {
        List<Long> revs = new ArrayList<>();
        if (!Files.isDirectory(history)) {
            return revs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(history)) {
            for (Path f : files) {
                Matcher m = HISTORY_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    revs.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            Log.warn("cannot list " + history + ": " + e.getMessage());
        }
        return revs;
    }

    /**
     * A revision as stored.
     *
     * @param policyJson  the document as canonical JSON
     * @param activatedAt ISO-8601 instant, or null in files written before it was recorded
     */
    record Persisted(long revision, String digest, PolicySource source, String fileHash, String policyJson,
                     String author, String activatedAt) {
    }

    /** For the log. */
    Path directory() {
        return dir;
    }
}
