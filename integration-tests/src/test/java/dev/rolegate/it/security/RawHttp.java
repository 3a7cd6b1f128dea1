package dev.rolegate.it.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw HTTP/1.1 over a socket, for requests no client library would send (lower-case or unknown
 * methods, folded or bare-LF headers, pipelined requests). Reads until the server closes or goes
 * quiet, and returns the status codes of every response seen, in order (a status line may follow the
 * previous body directly, with no line break, so it is searched for anywhere).
 */
final class RawHttp {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");

    private RawHttp() {
    }

    /** Sends {@code request} exactly as given and collects the responses' status codes. */
    static List<Integer> exchange(int port, String request, int quietMillis) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(quietMillis);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // The server keeps the connection open; what arrived so far is the answer.
                received.flush();
            } catch (IOException reset) {
                // A server may reset a connection it refuses; what arrived before still counts.
                received.flush();
            }
            List<Integer> statuses = new ArrayList<>();
            Matcher m = STATUS_LINE.matcher(received.toString(StandardCharsets.ISO_8859_1));
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            return statuses;
        }
    }

    static String request(String method, String target, String... headerLines) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headerLines) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }
}
