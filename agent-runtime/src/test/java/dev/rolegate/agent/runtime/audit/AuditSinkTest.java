package dev.rolegate.agent.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolegate.agent.runtime.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuditSinkTest {
    @TempDir
    Path tmp;

    private static AuditRecord deny() {
        return new AuditRecord(1796320800123L, "inventory", AuditRecord.DENY, 403, "orders", List.of("inventory-reader"),
                null, "POST", "/items/7", "no role of orders allows POST /items/7 on inventory", 12, "enforce");
    }

    @Test
    void formatsARecordExactlyAsTheContractShowsIt() {
        assertThat(AuditJson.format(deny())).isEqualTo("{\"ts\":\"2026-12-03T18:00:00.123Z\",\"service\":\"inventory\","
                + "\"decision\":\"deny\",\"status\":403,\"caller\":\"orders\",\"roles\":[\"inventory-reader\"],\"role\":null,"
                + "\"method\":\"POST\",\"path\":\"/items/7\",\"reason\":\"no role of orders allows POST /items/7 on inventory\","
                + "\"rev\":12,\"mode\":\"enforce\",\"direction\":\"inbound\"}");
    }

    @Test
    void keepsMillisecondsWhenTheyAreZero() {
        AuditRecord r = new AuditRecord(1796320800000L, "inventory", AuditRecord.ALLOW, 0, "orders", List.of(), "r",
                "GET", "/", "ok", 1, "enforce");
        assertThat(AuditJson.format(r)).startsWith("{\"ts\":\"2026-12-03T18:00:00.000Z\"");
    }

    @Test
    void writesValidJsonForHostileCharacters() throws Exception {
        AuditRecord r = new AuditRecord(0, "inventory", AuditRecord.DENY, 400, null, null, null, "GET",
                "/a\"b\\c\u0000\n\u2028", "ambiguous", -1, "monitor");
        JsonNode n = new ObjectMapper().readTree(AuditJson.format(r));
        assertThat(n.get("path").asText()).isEqualTo("/a\"b\\c\u0000\n\u2028");
        assertThat(n.get("rev").isNull()).isTrue();
        assertThat(n.get("caller").isNull()).isTrue();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactly("ts", "service", "decision", "status", "caller", "roles", "role", "method", "path",
                "reason", "rev", "mode", "direction");
    }

    @Test
    void countsRecordsDroppedWhenTheQueueIsFull() {
        AuditSink sink = new AuditSink(List.of(new CapturingOutput()), 3);
        for (int i = 0; i < 10; i++) {
            sink.record(deny());
        }
        assertThat(sink.dropped()).isEqualTo(7);
    }

    @Test
    void reportsDropsInOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = Log.redirect(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            AuditSink sink = new AuditSink(List.of(new CapturingOutput()), 1);
            for (int i = 0; i < 5; i++) {
                sink.record(deny());
            }
            sink.close();
        } finally {
            Log.redirect(previous);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("rolegate: 4 decision record(s) dropped because the audit"
                + " queue was full (4 in total)" + System.lineSeparator());
    }

    @Test
    void writesQueuedRecordsOnItsOwnThread() {
        CapturingOutput out = new CapturingOutput();
        AuditSink sink = new AuditSink(List.of(out), 10);
        sink.start();
        sink.record(deny());
        await().until(() -> out.lines.size() == 1);
        sink.close();
    }

    @Test
    void appendsJsonLinesToAFile() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        Files.writeString(file, "earlier\n");
        AuditSink sink = new AuditSink(List.of(StreamAuditOutput.appendingTo(file)), 10);
        sink.record(deny());
        sink.record(deny());
        sink.close();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3).first().isEqualTo("earlier");
        assertThat(lines.get(1)).isEqualTo(AuditJson.format(deny()));
    }

    @Test
    void aDiscardingSinkNeverQueues() {
        AuditSink sink = AuditSink.discarding();
        sink.record(deny());
        sink.record(deny());
        assertThat(sink.dropped()).isZero();
    }
}
