package dev.rolegate.benchmarks.harness;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean closed-loop load generator for {@code POST /v1/token}: each thread holds one keep-alive
 * connection and writes the same pre-encoded request bytes, then reads the response framed by its
 * {@code Content-Length}. It exists because the JDK {@code HttpClient} costs more CPU per request
 * than the token endpoint itself (a JFR profile showed the server under half busy while the
 * client JVM took the rest of the 2 cores), so it measured the client and not the server.
 */
final class TokenLoad {
    private final String host;
    private final int port;
    private final byte[] request;

    TokenLoad(String host, int port, String authorization, String form) {
        this.host = host;
        this.port = port;
        byte[] body = form.getBytes(StandardCharsets.US_ASCII);
        this.request = ("POST /v1/token HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n"
                + form).getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs {@code threads} connections for {@code seconds}; returns {issued, errors, elapsed nanos}. */
    long[] run(int threads, double seconds) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    loop(end, ok, errors);
                } finally {
                    done.countDown();
                }
            }, "token-load-" + t);
            th.start();
        }
        done.await();
        return new long[] {ok.get(), errors.get(), System.nanoTime() - t0};
    }

    private void loop(long end, AtomicLong ok, AtomicLong errors) {
        while (System.nanoTime() < end) {
            // A broken or closed connection counts one error and is replaced.
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 10_000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                while (System.nanoTime() < end) {
                    out.write(request);
                    out.flush();
                    (readResponse(in) ? ok : errors).incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }
    }

    /** Reads one response; true when it is a 200 carrying an access token. */
    private static boolean readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            head.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String headers = head.toString();
        int length = contentLength(headers);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("response body cut short");
        }
        return headers.startsWith("HTTP/1.1 200 ") && new String(body, StandardCharsets.US_ASCII).contains("\"access_token\"");
    }

    private static int contentLength(String headers) throws IOException {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IOException("response without Content-Length: " + headers.lines().findFirst().orElse(""));
    }
}
