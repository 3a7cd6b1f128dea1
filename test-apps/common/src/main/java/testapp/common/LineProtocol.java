package testapp.common;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The client test app protocol (docs/STACK-TESTS.md): prints {@code READY}, then reads stdin lines
 * {@code <id> <METHOD> <URL> <follow|nofollow>} and prints {@code RESULT <id> <status>} or
 * {@code ERROR <id> <class>: <message>} for each, until EOF. Shared by the client test apps whose
 * error lines name the causes too (client-netty, client-reactor-netty, client-spring).
 */
public final class LineProtocol {
    /** One way of making a request. */
    public interface Caller {
        /** Makes the request and answers its final status. */
        int call(String method, String url, boolean follow) throws Exception;
    }

    private LineProtocol() {
    }

    /** Runs the protocol on stdin/stdout, making each request with {@code caller}; returns at EOF. */
    public static void serve(Caller caller) throws Exception {
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            String id = parts[0];
            try {
                if (parts.length != 4) {
                    throw new IllegalArgumentException("expected <id> <METHOD> <URL> <follow|nofollow>: " + line);
                }
                int status = caller.call(parts[1], parts[2], "follow".equals(parts[3]));
                System.out.println("RESULT " + id + " " + status);
            } catch (Exception e) {
                System.out.println("ERROR " + id + " " + e.getClass().getName() + ": " + describe(e));
            }
            System.out.flush();
        }
    }

    /** The message, followed by the causes' (wrappers such as Spring's hide the I/O error inside). */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return sb.toString().replace('\n', ' ');
    }
}
