package dev.rolegate.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.Json;
import dev.rolegate.server.Log;
import dev.rolegate.server.io.AtomicFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decision records shipped by agents, stored durably as append-only JSON lines in
 * {@code ROLEGATE_DATA_DIR/audit/}: {@code audit.jsonl} is appended to (and forced to disk once per
 * batch, before the agent is told the batch was stored); when it grows past the size limit it is
 * renamed to {@code audit-<20-digit millis>.jsonl}, and the oldest such files beyond the count limit
 * are deleted. A line is never rewritten.
 *
 * <p>Queries scan the files oldest first. The store is meant for recent history and for tests of
 * the policy; for long retention, collect the files (or the agents' own records) elsewhere.
 */
public final class AuditStore {
    static final String ACTIVE = "audit.jsonl";
    private final Path dir;
    private final Path active;
    private final long maxBytes;
    private final int maxFiles;

    public AuditStore(Path dataDir, long maxBytes, int maxFiles) throws IOException {
        this.dir = dataDir.resolve("audit");
        this.active = dir.resolve(ACTIVE);
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        AtomicFiles.createPrivateDirectory(dir);
    }

    /** Appends records (one line each) durably; rotates first when the active file is full. */
    public synchronized void append(List<ObjectNode> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(records.size() * 256);
        for (ObjectNode r : records) {
            sb.append(Json.write(r)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (Files.exists(active) && Files.size(active) > 0 && Files.size(active) + bytes.length > maxBytes) {
            rotate();
        }
        try (FileChannel ch = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    private void rotate() throws IOException {
        // Names sort oldest first: two rotations within one millisecond take the next free millisecond
        // rather than a suffix, which would sort before the older file.
        long millis = System.currentTimeMillis();
        Path target = rotatedName(millis);
        while (Files.exists(target)) {
            target = rotatedName(++millis);
        }
        Files.move(active, target);
        List<Path> rotated = rotatedFiles();
        // maxFiles counts the active file too.
        for (int i = 0; i < rotated.size() - (maxFiles - 1); i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    private Path rotatedName(long millis) {
        return dir.resolve(String.format("audit-%020d.jsonl", millis));
    }

    private List<Path> rotatedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "audit-*.jsonl")) {
            s.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /**
     * Matching records, oldest first. With {@code since}, the first {@code limit} records at or after
     * it (page forward by passing the last {@code ts} seen); without, the latest {@code limit}.
     */
    public synchronized List<JsonNode> query(AuditQuery q) throws IOException {
        List<Path> files = rotatedFiles();
        if (Files.exists(active)) {
            files.add(active);
        }
        Deque<JsonNode> out = new ArrayDeque<>();
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode r;
                    try {
                        r = Json.MAPPER.readTree(line);
                    } catch (IOException e) {
                        // A torn last line after a crash: skip it, keep the rest readable.
                        continue;
                    }
                    if (!q.matches(r)) {
                        continue;
                    }
                    out.addLast(r);
                    if (out.size() > q.limit()) {
                        if (q.since() != null) {
                            out.removeLast();
                            return List.copyOf(out);
                        }
                        out.removeFirst();
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                Log.info("audit file " + f + " was rotated away during a query");
            }
        }
        return List.copyOf(out);
    }

    /** The instant of a record's {@code ts}, or null when it has none or it does not parse. */
    static Instant ts(JsonNode r) {
        try {
            return Instant.parse(r.path("ts").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
