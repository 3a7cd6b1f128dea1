package testapp.spring;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * {@code WebClient.create()}: its default {@code ReactorClientHttpConnector} (Reactor Netty), which
 * does not follow redirects; for {@code follow} a second client uses the same connector type over
 * {@code HttpClient.create().followRedirect(true)}.
 */
final class WebClientCaller implements Main.SpringCaller {
    private final WebClient notFollowing = WebClient.create();
    private final WebClient following = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(true)))
            .build();

    @Override
    public int call(String method, String url, boolean follow) {
        return (follow ? following : notFollowing).method(HttpMethod.valueOf(method)).uri(URI.create(url))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(40));
    }

    @Override
    public String transport() {
        return ReactorClientHttpConnector.class.getName() + " (WebClient.create() default)";
    }
}
