package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientLibrarySuite} on Spring's {@code RestClient.create()} (test-apps/client-spring,
 * variant {@code restclient}). Its default request factory depends on the class path; with Reactor
 * Netty present (as in this app) Spring picks {@code ReactorClientHttpRequestFactory}, so the calls
 * go through Netty's {@code HttpClientCodec}.
 */
class SpringRestClientIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-spring", "testapp.spring.Main", "restclient");
    }

    /** Reactor Netty resolves names with its own DNS client (netty-resolver-dns), which reads only the system's hosts file. */
    @Override
    protected boolean resolvesNamesThroughTheJdk() {
        return false;
    }

    @Test
    void defaultRequestFactoryIsReactorNettyWhenItIsOnTheClassPath() {
        assertThat(appProcess().awaitStdout(Pattern.compile("^CLIENT restclient (\\S+)"), Duration.ofSeconds(5))
                .group(1)).isEqualTo("org.springframework.http.client.ReactorClientHttpRequestFactory");
    }
}
