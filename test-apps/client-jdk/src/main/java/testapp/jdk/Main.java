package testapp.jdk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The client test application on the JDK's own HTTP clients (docs/STACK-TESTS.md, "Client test app
 * protocol"). It knows nothing of Rolegate.
 *
 * <p>Variants (first argument): {@code h1} ({@code java.net.http.HttpClient}, HTTP/1.1), {@code h2}
 * (the same client asking for HTTP/2; over cleartext it sends an {@code Upgrade: h2c} first request
 * and stays on HTTP/1.1 when the server does not upgrade), {@code urlconnection}
 * ({@code java.net.HttpURLConnection}).
 *
 * <p>Reads stdin lines {@code <id> <METHOD> <URL> <follow|nofollow>}; prints {@code RESULT <id>
 * <status>} or {@code ERROR <id> <class>: <message>} for each, plus, for the {@code java.net.http}
 * variants, {@code VERSION <id> <HTTP_1_1|HTTP_2>}, the protocol the answer came on.
 *
 * <p>Whatever the variant, a line {@code <id> BURST <n> <url-prefix>} makes {@code n} concurrent GETs
 * through both JDK clients at once (see {@link Burst}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "h1";
        Caller caller = switch (variant) {
            case "h1" -> new HttpClientCaller(java.net.http.HttpClient.Version.HTTP_1_1);
            case "h2" -> new HttpClientCaller(java.net.http.HttpClient.Version.HTTP_2);
            case "urlconnection" -> new UrlConnectionCaller();
            default -> throw new IllegalArgumentException("unknown variant " + variant + " (h1, h2, urlconnection)");
        };
        Burst burst = new Burst();
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
                if (parts.length == 4 && "BURST".equals(parts[1])) {
                    System.out.println(burst.run(id, Integer.parseInt(parts[2]), parts[3]));
                    System.out.flush();
                    continue;
                }
                if (parts.length != 4) {
                    throw new IllegalArgumentException("expected <id> <METHOD> <URL> <follow|nofollow>: " + line);
                }
                int status = caller.call(id, parts[1], parts[2], "follow".equals(parts[3]));
                System.out.println("RESULT " + id + " " + status);
            } catch (Exception e) {
                System.out.println("ERROR " + id + " " + e.getClass().getName() + ": " + e.getMessage());
            }
            System.out.flush();
        }
    }

    /** One way of making a request. */
    interface Caller {
        /** Makes the request and answers its final status. */
        int call(String id, String method, String url, boolean follow) throws Exception;
    }
}
