package testapp.apache5;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The client test application on Apache HttpClient 5 (docs/STACK-TESTS.md, "Client test app
 * protocol"). It knows nothing of Rolegate.
 *
 * <p>Variants (first argument): {@code classic} (the default; {@code HttpClients.createDefault()})
 * and {@code async} ({@code HttpAsyncClients.createDefault()}). Reads stdin lines
 * {@code <id> <METHOD> <URL> <follow|nofollow>} and prints {@code RESULT <id> <status>} or
 * {@code ERROR <id> <class>: <message>} for each.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "classic";
        try (Caller caller = switch (variant) {
            case "classic" -> new ClassicCaller();
            case "async" -> new AsyncCaller();
            default -> throw new IllegalArgumentException("unknown variant " + variant + " (classic, async)");
        }) {
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
                    System.out.println("RESULT " + id + " " + caller.call(parts[1], parts[2], "follow".equals(parts[3])));
                } catch (Exception e) {
                    System.out.println("ERROR " + id + " " + e.getClass().getName() + ": " + e.getMessage());
                }
                System.out.flush();
            }
        }
    }

    static RequestConfig config(boolean follow) {
        return RequestConfig.custom()
                .setRedirectsEnabled(follow)
                .setResponseTimeout(Timeout.ofSeconds(20))
                .build();
    }

    /** One way of making a request. */
    interface Caller extends AutoCloseable {
        /** Makes the request and answers its final status. */
        int call(String method, String url, boolean follow) throws Exception;
    }
}
