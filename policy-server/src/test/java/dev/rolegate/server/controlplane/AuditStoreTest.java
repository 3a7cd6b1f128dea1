package dev.rolegate.server.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.server.TestServer;
import dev.rolegate.server.audit.AuditQuery;
import dev.rolegate.server.audit.AuditStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditStoreTest {
    @TempDir
    Path dir;

    private static List<ObjectNode> records(int from, int n) throws Exception {
        List<ObjectNode> list = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            list.add((ObjectNode) TestServer.json(AuditEndpointTest.record(
                    String.format("2026-12-03T18:%02d:%02d.000Z", i / 60, i % 60), "orders", "deny", "visitor")));
        }
        return list;
    }

    @Test
    void rotatesToANewFileWhenTheActiveOneIsFullAndKeepsAtMostTheConfiguredCount() throws Exception {
        AuditStore store = new AuditStore(dir, 4096, 3);
        for (int i = 0; i < 40; i++) {
            store.append(records(i * 5, 5));
        }

        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).count()).isEqualTo(3);
        }
    }

    @Test
    void queriesAcrossRotatedFilesOldestFirst() throws Exception {
        AuditStore store = new AuditStore(dir, 4096, 100);
        for (int i = 0; i < 20; i++) {
            store.append(records(i * 5, 5));
        }

        var all = store.query(new AuditQuery(null, null, null, null, AuditQuery.MAX_LIMIT));

        assertThat(all).hasSize(100);
        assertThat(all.get(0).path("ts").asText()).isEqualTo("2026-12-03T18:00:00.000Z");
        assertThat(all.get(99).path("ts").asText()).isEqualTo("2026-12-03T18:01:39.000Z");
    }

    @Test
    void skipsATornLastLineLeftByACrash() throws Exception {
        AuditStore store = new AuditStore(dir, 1 << 20, 3);
        store.append(records(0, 2));
        Files.writeString(dir.resolve("audit").resolve("audit.jsonl"), "{\"ts\":\"2026-12-03T18:0",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(store.query(new AuditQuery(null, null, null, null, 10))).hasSize(2);
    }
}
