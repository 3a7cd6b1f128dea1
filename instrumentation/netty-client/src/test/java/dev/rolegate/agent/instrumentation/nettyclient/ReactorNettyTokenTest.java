package dev.rolegate.agent.instrumentation.nettyclient;

import static dev.rolegate.agent.instrumentation.nettyclient.RecordingHooks.TOKEN_HEADER;
import static dev.rolegate.agent.instrumentation.nettyclient.RecordingHooks.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/** Reactor Netty's {@code HttpClient} (HTTP/1.1), against raw-socket capture servers. */
class ReactorNettyTokenTest {
    private RecordingHooks hooks;
    private CaptureServer alpha;
    private CaptureServer beta;
    private CaptureServer unlisted;
    private HttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        hooks = InstrumentedJvm.hooks();
        alpha = new CaptureServer();
        beta = new CaptureServer();
        unlisted = new CaptureServer();
        hooks.listService("alpha", "127.0.0.1", alpha.port());
        hooks.listService("beta", "127.0.0.1", beta.port());
        client = HttpClient.create().responseTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() throws IOException {
        alpha.close();
        beta.close();
        unlisted.close();
    }

    private int get(HttpClient c, String url) {
        return c.get().uri(url).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                .thenReturn(response.status().code())).block(Duration.ofSeconds(60));
    }

    @Test
    void attachesTokenOfTheListedService() throws Exception {
        assertThat(get(client, alpha.url("/items"))).isEqualTo(200);

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void sendsNoTokenToAnUnlistedDestination() throws Exception {
        assertThat(get(client, unlisted.url("/items"))).isEqualTo(200);

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void stripsATokenTheApplicationSetBeforeAnUnlistedDestination() throws Exception {
        HttpClient withToken = client.headers(h -> h.set(TOKEN_HEADER, "app-set-token"));

        assertThat(get(withToken, unlisted.url("/items"))).isEqualTo(200);

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void followedRedirectFromListedToUnlistedDropsTheToken() throws Exception {
        alpha.redirectingOnceTo(unlisted.url("/landing"));

        assertThat(get(client.followRedirect(true), alpha.url("/items"))).isEqualTo(200);

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        CaptureServer.Request next = unlisted.take();
        assertThat(next.requestLine()).startsWith("GET /landing ");
        assertThat(next.values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void followedRedirectToAnotherListedServiceCarriesThatServicesToken() throws Exception {
        alpha.redirectingOnceTo(beta.url("/stock"));

        assertThat(get(client.followRedirect(true), alpha.url("/items"))).isEqualTo(200);

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void refusalFailsTheCallWithAnIOExceptionAndSendsNothing() throws Exception {
        hooks.refuse("127.0.0.1", alpha.port(), "caller may not GET /items on alpha");

        Throwable failure = catchThrowable(() -> get(client, alpha.url("/items")));

        assertThat(failure).hasRootCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("caller may not GET /items on alpha");
        hooks.reset();
        assertThat(get(client, alpha.url("/after"))).isEqualTo(200);
        assertThat(alpha.take().requestLine()).isEqualTo("GET /after HTTP/1.1");
    }
}
