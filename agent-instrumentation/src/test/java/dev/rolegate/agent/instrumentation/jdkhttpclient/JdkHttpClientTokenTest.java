package dev.rolegate.agent.instrumentation.jdkhttpclient;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.agent.instrumentation.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RecordingHooks;
import dev.rolegate.agent.instrumentation.testing.WireServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpClientTokenTest {
    private RecordingHooks hooks;
    private WireServer alpha;
    private WireServer beta;
    private WireServer unlisted;
    private HttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        hooks = InstrumentedJvm.hooks();
        alpha = new WireServer();
        beta = new WireServer();
        unlisted = new WireServer();
        hooks.listService("alpha", "127.0.0.1", alpha.port());
        hooks.listService("beta", "127.0.0.1", beta.port());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void tearDown() throws IOException {
        alpha.close();
        beta.close();
        unlisted.close();
    }

    private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void addsTokenOfTheListedServiceOnSend() throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + alpha.port() + "/items");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void addsTokenOnSendAsync() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + beta.port() + "/stock"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void applicationDoesNotReadTheTokenBackFromTheSentRequest() throws Exception {
        alpha.redirectingOnceTo("http://127.0.0.1:" + beta.port() + "/landing");

        HttpResponse<String> response = get("http://127.0.0.1:" + alpha.port() + "/start", "X-Trace", "abc");

        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
        assertThat(response.request().headers().allValues(TOKEN_HEADER)).isEmpty();
        assertThat(response.request().headers().allValues("X-Trace")).containsExactly("abc");
        assertThat(response.previousResponse().orElseThrow().request().headers().allValues(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void resendingTheRequestReadBackFromAResponseCarriesAFreshToken() throws Exception {
        HttpResponse<String> first = get("http://127.0.0.1:" + alpha.port() + "/once");
        alpha.take();

        client.send(first.request(), HttpResponse.BodyHandlers.ofString());

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void decidesWithSchemeHostPortMethodAndPath() throws Exception {
        get("http://127.0.0.1:" + alpha.port() + "/items/7?full=true");

        assertThat(hooks.outboundCalls()).containsExactly(
                new RecordingHooks.Outbound("http", "127.0.0.1", alpha.port(), "GET", "/items/7"));
    }

    @Test
    void sendsNoTokenToUnlistedDestination() throws Exception {
        get("http://127.0.0.1:" + unlisted.port() + "/");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void stripsTokenHeaderSetByTheApplicationForUnlistedDestination() throws Exception {
        get("http://127.0.0.1:" + unlisted.port() + "/", TOKEN_HEADER, "forged");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void replacesTokenHeaderSetByTheApplicationForListedDestination() throws Exception {
        get("http://127.0.0.1:" + alpha.port() + "/", "rolegate-token", "forged");

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void keepsOtherApplicationHeaders() throws Exception {
        get("http://127.0.0.1:" + alpha.port() + "/", "X-Trace", "abc");

        assertThat(alpha.take().values("X-Trace")).containsExactly("abc");
    }

    @Test
    void dropsTokenWhenRedirectedFromListedAddressToUnlistedHostName() throws Exception {
        // localhost resolves to 127.0.0.1, but "localhost:port" is not a listed address
        alpha.redirectingOnceTo("http://localhost:" + alpha.port() + "/elsewhere");

        HttpResponse<String> response = get("http://127.0.0.1:" + alpha.port() + "/start");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        WireServer.Request redirected = alpha.take();
        assertThat(redirected.requestLine()).startsWith("GET /elsewhere ");
        assertThat(redirected.values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void dropsTokenWhenRedirectedToUnlistedPort() throws Exception {
        alpha.redirectingOnceTo("http://127.0.0.1:" + unlisted.port() + "/landing");

        HttpResponse<String> response = get("http://127.0.0.1:" + alpha.port() + "/start");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void sendsTheOtherServicesTokenWhenRedirectedToAnotherListedService() throws Exception {
        alpha.redirectingOnceTo("http://127.0.0.1:" + beta.port() + "/landing");

        get("http://127.0.0.1:" + alpha.port() + "/start");

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void addsTokenWhenRedirectedFromUnlistedToListedService() throws Exception {
        unlisted.redirectingOnceTo("http://127.0.0.1:" + beta.port() + "/landing");

        get("http://127.0.0.1:" + unlisted.port() + "/start", TOKEN_HEADER, "forged");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void decidesEachHopExactlyOnce() throws Exception {
        alpha.redirectingOnceTo("http://127.0.0.1:" + beta.port() + "/landing");

        get("http://127.0.0.1:" + alpha.port() + "/start");

        assertThat(hooks.outboundCalls()).containsExactly(
                new RecordingHooks.Outbound("http", "127.0.0.1", alpha.port(), "GET", "/start"),
                new RecordingHooks.Outbound("http", "127.0.0.1", beta.port(), "GET", "/landing"));
    }

    @Test
    void addsTokenWhenClientOffersHttp2Upgrade() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        http2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alpha.port() + "/h2")).build(),
                HttpResponse.BodyHandlers.ofString());

        WireServer.Request request = alpha.take();
        assertThat(request.values("Upgrade")).containsExactly("h2c");
        assertThat(request.values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void failsTheCallWithoutSendingWhenTheRuntimeRefuses() {
        hooks.refuse("127.0.0.1", alpha.port(), "no credentials for alpha");

        assertThatThrownBy(() -> get("http://127.0.0.1:" + alpha.port() + "/items"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no credentials for alpha");
        assertThat(alpha.pending()).isZero();
        assertThat(alpha.failures()).isEmpty();
    }
}
