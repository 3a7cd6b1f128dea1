package dev.rolegate.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolegate.it.PlainHttp;
import dev.rolegate.it.PolicyServerProcess;
import dev.rolegate.it.TestPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 idle TCP connections (loopback only) held against the real policy server process: it keeps
 * answering, its heap after a full GC grows by a bounded amount, and it closes idle connections by
 * itself. Needs about 10,000 free file descriptors in this JVM and in the server (checked first).
 */
class IdleConnectionsIT {
    private static final int CONNECTIONS = 10_000;
    /** 10,000 idle Netty channels with their pipelines cost a few KiB each; 64 MiB is a generous ceiling. */
    private static final long MAX_GROWTH_KIB = 64 * 1024;

    @TempDir
    Path dir;
    private PolicyServerProcess server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing a socket the server already dropped may fail; the descriptor is released either way.
                assertThat(s.isClosed()).isTrue();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void holds10000IdleConnectionsWithBoundedHeapKeepsServingAndReapsThem() throws Exception {
        server = PolicyServerProcess.start(dir.resolve("server"), TestPolicy.empty().service("inventory", 1).yaml(), "inventory");
        long pid = HeapProbe.pidListeningOn(server.port());
        long before = HeapProbe.usedAfterFullGcKiB(pid);

        for (int i = 0; i < CONNECTIONS; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
            sockets.add(s);
        }
        assertThat(PlainHttp.get(server.url() + "/healthz").statusCode()).as("served while 10,000 are held").isEqualTo(200);
        long held = HeapProbe.usedAfterFullGcKiB(pid);
        int stillOpen = countOpen(sockets.subList(0, 200));

        System.out.printf("idle connections: heap after full GC %d KiB before, %d KiB with %d held (+%d KiB, %.1f KiB each); "
                + "%d of the first 200 still open at measurement%n", before, held, CONNECTIONS, held - before,
                (held - before) / (double) CONNECTIONS, stillOpen);
        assertThat(stillOpen).as("connections still held when the heap was measured").isGreaterThan(150);
        assertThat(held - before).as("heap growth in KiB").isLessThan(MAX_GROWTH_KIB);

        await("the server to close idle connections by itself").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> countOpen(sockets.subList(0, 100)) == 0);
    }

    /** Sockets the server has not closed: a read neither ends the stream nor fails. */
    private static int countOpen(List<Socket> sample) throws IOException {
        int open = 0;
        for (Socket s : sample) {
            s.setSoTimeout(1);
            try {
                InputStream in = s.getInputStream();
                if (in.read() != -1) {
                    open++;
                }
            } catch (SocketTimeoutException stillOpen) {
                open++;
            } catch (IOException reset) {
                // Reset by the server: closed.
                assertThat(reset).isNotNull();
            }
        }
        return open;
    }
}
