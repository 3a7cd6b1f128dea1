package testapp.spring;

import java.lang.reflect.Field;
import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import reactor.netty.http.client.HttpClient;

/**
 * {@code RestClient.create()}: the request factory Spring picks from the class path. With Reactor
 * Netty present (this app has it, for WebClient) that is {@code ReactorClientHttpRequestFactory},
 * which does not follow redirects; for {@code follow} a second client uses the same factory type
 * over {@code HttpClient.create().followRedirect(true)}.
 */
final class RestClientCaller implements Main.SpringCaller {
    private final RestClient notFollowing = RestClient.create();
    private final RestClient following = RestClient.builder()
            .requestFactory(new ReactorClientHttpRequestFactory(HttpClient.create().followRedirect(true)))
            .build();

    @Override
    public int call(String method, String url, boolean follow) {
        return (follow ? following : notFollowing).method(HttpMethod.valueOf(method)).uri(URI.create(url))
                .exchange((request, response) -> response.getStatusCode().value());
    }

    @Override
    public String transport() {
        // Test-app introspection only: RestClient does not expose the factory it picked.
        try {
            Field f = notFollowing.getClass().getDeclaredField("clientRequestFactory");
            f.setAccessible(true);
            return f.get(notFollowing).getClass().getName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }
}
