package testapp.apache4;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * The client test application on Apache HttpClient 4.5 (docs/STACK-TESTS.md, "Client test app
 * protocol"). It knows nothing of Rolegate. Reads stdin lines
 * {@code <id> <METHOD> <URL> <follow|nofollow>} and prints {@code RESULT <id> <status>} or
 * {@code ERROR <id> <class>: <message>} for each.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
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
                    System.out.println("RESULT " + id + " " + call(client, parts[1], parts[2], "follow".equals(parts[3])));
                } catch (Exception e) {
                    System.out.println("ERROR " + id + " " + e.getClass().getName() + ": " + e.getMessage());
                }
                System.out.flush();
            }
        }
    }

    private static int call(CloseableHttpClient client, String method, String url, boolean follow) throws Exception {
        RequestConfig config = RequestConfig.custom()
                .setRedirectsEnabled(follow)
                .setConnectTimeout(10_000)
                .setSocketTimeout(20_000)
                .build();
        return client.execute(RequestBuilder.create(method).setUri(url).setConfig(config).build(), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        });
    }
}
