package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientLibrarySuite} on Spring's {@code RestTemplate} with its default
 * {@code SimpleClientHttpRequestFactory}, i.e. over the JDK's HttpURLConnection
 * (test-apps/client-spring, variant {@code resttemplate}).
 */
class SpringRestTemplateIT extends ClientLibrarySuite {
    @Override
    protected StackApp app() {
        return StackApp.of("client-spring", "testapp.spring.Main", "resttemplate");
    }

    @Test
    void defaultRequestFactoryIsHttpUrlConnectionBased() {
        assertThat(appProcess().awaitStdout(Pattern.compile("^CLIENT resttemplate (\\S+)"), Duration.ofSeconds(5))
                .group(1)).isEqualTo("org.springframework.http.client.SimpleClientHttpRequestFactory");
    }
}
