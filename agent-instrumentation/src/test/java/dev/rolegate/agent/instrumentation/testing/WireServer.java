package dev.rolegate.agent.instrumentation.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 that records each request exactly as it came off the wire
 * (every header line, duplicates included) and answers with a configurable response, closing the
 * connection each time. Deliberately not built on an instrumented server library.
 */
public final class WireServer implements AutoCloseable {
    /** One request as received. */
    public record Request(String requestLine, List<String[]> headers) {
        /** Every value of {@code name}, in order. */
        public List<String> values(String name) {
            List<String> found = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    found.add(h[1]);
                }
            }
            return found;
        }
    }

    private final ServerSocket socket;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<IOException> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Function<Request, String> responder = request -> ok();

    public WireServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "wire-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Answers the next request with a redirect to {@code location}, and the ones after it with 200. */
    public WireServer redirectingOnceTo(String location) {
        AtomicBoolean redirected = new AtomicBoolean();
        responder = request -> redirected.getAndSet(true) ? ok()
                : "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n";
        return this;
    }

    public static String ok() {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    }

    /** The next request received, waiting up to ten seconds. */
    public Request take() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached port " + port());
        }
        return r;
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** How many requests were received and not yet taken. */
    public int pending() {
        return requests.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Connections that broke before a complete request was read (a test may assert there are none). */
    public List<IOException> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                // closed by close(): the loop condition ends the thread
                continue;
            }
            connections.incrementAndGet();
            try (s) {
                s.setSoTimeout(10_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                Request request = read(in);
                requests.add(request);
                OutputStream out = s.getOutputStream();
                out.write(responder.apply(request).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                failures.add(e);
            }
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        List<String[]> headers = new ArrayList<>();
        int contentLength = 0;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Integer.parseInt(value);
            }
        }
        in.readNBytes(contentLength);
        return new Request(requestLine, headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
