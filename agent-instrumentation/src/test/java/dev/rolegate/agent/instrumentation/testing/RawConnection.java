package dev.rolegate.agent.instrumentation.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 connection over a plain socket: writes hand-written bytes (several pipelined
 * requests at once, chunked bodies) and reads responses framed by {@code Content-Length}, so that
 * a test sees exactly what went over the wire on one connection.
 */
public final class RawConnection implements AutoCloseable {
    /** A parsed response. */
    public record Response(int status, List<String[]> headers, String body) {
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final InputStream in;

    public RawConnection(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
    }

    /** A GET request head with the given extra header lines. */
    public static String get(String target, String... headerLines) {
        return request("GET", target, headerLines);
    }

    /** A request head (no body) with the given extra header lines. */
    public static String request(String method, String target, String... headerLines) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    public RawConnection send(String... parts) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(p);
        }
        socket.getOutputStream().write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads the next response (head, then {@code Content-Length} bytes of body). */
    public Response read() throws IOException {
        List<String[]> headers = new ArrayList<>();
        String statusLine = line();
        int length = 0;
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** Whether the server closed the connection (the next read sees the end of the stream). */
    public boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside a response head");
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
