package testapp.spring;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * {@code new RestTemplate()}: its default {@code SimpleClientHttpRequestFactory} (HttpURLConnection,
 * which follows redirects of GET itself). For {@code nofollow} a second template turns that off on
 * the same factory type.
 */
final class RestTemplateCaller implements Main.SpringCaller {
    private final RestTemplate following = new RestTemplate();
    private final RestTemplate notFollowing = new RestTemplate(new SimpleClientHttpRequestFactory() {
        @Override
        protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
            super.prepareConnection(connection, httpMethod);
            connection.setInstanceFollowRedirects(false);
        }
    });

    RestTemplateCaller() {
        ResponseErrorHandler anyStatus = new ResponseErrorHandler() {
            @Override
            public boolean hasError(ClientHttpResponse response) {
                return false;
            }
        };
        following.setErrorHandler(anyStatus);
        notFollowing.setErrorHandler(anyStatus);
    }

    @Override
    public int call(String method, String url, boolean follow) {
        return (follow ? following : notFollowing)
                .execute(URI.create(url), HttpMethod.valueOf(method), null, response -> response.getStatusCode().value());
    }

    @Override
    public String transport() {
        return following.getRequestFactory().getClass().getName();
    }
}
