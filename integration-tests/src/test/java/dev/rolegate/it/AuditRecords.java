package dev.rolegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an agent's decision records file (CONTRACT section 6: one JSON object per line). */
public final class AuditRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRecords() {
    }

    /** The complete records written so far; a last line still being written is left out. */
    public static List<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String content = Files.readString(file);
            String[] lines = content.split("\n", -1);
            List<JsonNode> records = new ArrayList<>();
            // The last element is "" after a final newline, or an incomplete line: skip it either way.
            for (int i = 0; i < lines.length - 1; i++) {
                if (!lines[i].isBlank()) {
                    records.add(JSON.readTree(lines[i]));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decision records from " + file, e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
