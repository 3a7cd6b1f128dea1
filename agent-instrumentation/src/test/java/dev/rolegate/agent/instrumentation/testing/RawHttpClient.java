package dev.rolegate.agent.instrumentation.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one hand-written HTTP/1.1 request over a plain socket (so that no instrumented client
 * touches its headers) and reads the whole response until the server closes the connection.
 */
public final class RawHttpClient {
    /** A parsed response. */
    public record Response(int status, List<String[]> headers, String body) {
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

    private RawHttpClient() {
    }

    /**
     * Sends {@code method target} to 127.0.0.1:{@code port} with {@code headerLines} (each
     * "Name: value") and {@code Connection: close}.
     */
    public static Response send(int port, String method, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String h : headerLines) {
            request.append(h).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private static Response parse(String raw) {
        int headEnd = raw.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new AssertionError("incomplete response: " + raw);
        }
        String[] lines = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        return new Response(status, headers, raw.substring(headEnd + 4));
    }
}
