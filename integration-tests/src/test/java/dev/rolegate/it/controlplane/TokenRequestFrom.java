package dev.rolegate.it.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A token request sent from a chosen loopback source address (127.0.0.2, 127.0.0.3, ...), so that a
 * test can tell the server's per-address limit from its per-identity one. A plain socket, because
 * the JDK HTTP client of Java 17 cannot choose its local address.
 */
final class TokenRequestFrom {
    /** Status line code and the Retry-After header, if any. */
    record Answer(int status, Optional<String> retryAfter) {
    }

    private TokenRequestFrom() {
    }

    static Answer send(String sourceAddress, int serverPort, String identity, String secret) {
        String form = "grant_type=client_credentials&audience=inventory";
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(identity, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        String request = "POST /v1/token HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + serverPort + "\r\n"
                + "Authorization: Basic " + basic + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n"
                + "Connection: close\r\n\r\n" + form;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", serverPort), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("token request from " + sourceAddress, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static Answer parse(String response) {
        String[] lines = response.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Optional<String> retryAfter = Optional.empty();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            if (lines[i].toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
                retryAfter = Optional.of(lines[i].substring("retry-after:".length()).strip());
            }
        }
        return new Answer(status, retryAfter);
    }
}
