package testapp.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** Requests through {@code java.net.HttpURLConnection}. */
final class UrlConnectionCaller implements Main.Caller {
    @Override
    public int call(String id, String method, String url, boolean follow) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(follow);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(20_000);
        int status = connection.getResponseCode();
        // Drain the body so the connection can be kept alive for the next request.
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (body != null) {
            try (body) {
                body.readAllBytes();
            }
        }
        return status;
    }
}
