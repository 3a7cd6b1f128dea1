package testapp.jdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests through {@code java.net.http.HttpClient}; one client per redirect policy, reused. */
final class HttpClientCaller implements Main.Caller {
    private final HttpClient following;
    private final HttpClient notFollowing;

    HttpClientCaller(HttpClient.Version version) {
        following = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        notFollowing = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public int call(String id, String method, String url, boolean follow) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = (follow ? following : notFollowing)
                .send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("VERSION " + id + " " + response.version());
        return response.statusCode();
    }
}
