package dev.rolegate.agent.instrumentation.nettyclient;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 (deliberately not Netty, which is instrumented here) that
 * records each request head as it came off the wire and answers it, closing the connection.
 */
final class CaptureServer implements AutoCloseable {
    /** One request head as received. */
    record Request(String requestLine, List<String[]> headers) {
        List<String> values(String name) {
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
    private volatile Function<Request, String> responder = request -> ok();

    CaptureServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "capture-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers the next request with a 302 to {@code location}, later ones with 200. */
    CaptureServer redirectingOnceTo(String location) {
        AtomicBoolean redirected = new AtomicBoolean();
        responder = request -> redirected.getAndSet(true) ? ok()
                : "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        return this;
    }

    static String ok() {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    }

    /** The next request received, waiting up to thirty seconds (the build machine is loaded). */
    Request take() throws InterruptedException {
        Request r = requests.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached port " + port());
        }
        return r;
    }

    /** Requests received and not yet taken. */
    int pending() {
        return requests.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(30_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                Request request = read(in);
                if (request == null) {
                    continue;
                }
                requests.add(request);
                OutputStream out = s.getOutputStream();
                out.write(responder.apply(request).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // A closed listening socket ends the loop; a broken client connection is not a request.
                if (!socket.isClosed()) {
                    System.err.println("capture server: " + e);
                }
            }
        }
    }

    /** The request head, or null when the client connected and closed without sending one. */
    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        int contentLength = 0;
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
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
                return null;
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
