package testapp.okhttp5;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The client test application on OkHttp 5.x (docs/STACK-TESTS.md, "Client test app protocol"). It
 * knows nothing of Rolegate. Reads stdin lines {@code <id> <METHOD> <URL> <follow|nofollow>} and
 * prints {@code RESULT <id> <status>} or {@code ERROR <id> <class>: <message>} for each.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        OkHttpClient following = new OkHttpClient.Builder()
                .callTimeout(20, TimeUnit.SECONDS)
                .followRedirects(true)
                .build();
        OkHttpClient notFollowing = following.newBuilder().followRedirects(false).build();
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
                OkHttpClient client = "follow".equals(parts[3]) ? following : notFollowing;
                System.out.println("RESULT " + id + " " + call(client, parts[1], parts[2]));
            } catch (Exception e) {
                System.out.println("ERROR " + id + " " + e.getClass().getName() + ": " + e.getMessage());
            }
            System.out.flush();
        }
    }

    private static int call(OkHttpClient client, String method, String url) throws Exception {
        boolean needsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        Request request = new Request.Builder()
                .url(url)
                .method(method, needsBody ? RequestBody.create(new byte[0], null) : null)
                .build();
        try (Response response = client.newCall(request).execute()) {
            response.body().bytes();
            return response.code();
        }
    }
}
