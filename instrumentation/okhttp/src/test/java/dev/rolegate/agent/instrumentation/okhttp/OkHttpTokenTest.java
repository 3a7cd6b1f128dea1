package dev.rolegate.agent.instrumentation.okhttp;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.agent.instrumentation.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RecordingHooks;
import dev.rolegate.agent.instrumentation.testing.WireServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OkHttp 5 in this JVM with the instrumentation installed (OkHttp 4 is covered by its test app). */
class OkHttpTokenTest {
    private RecordingHooks hooks;
    private WireServer alpha;
    private WireServer beta;
    private WireServer unlisted;
    private OkHttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        hooks = InstrumentedJvm.hooks();
        alpha = new WireServer();
        beta = new WireServer();
        unlisted = new WireServer();
        hooks.listService("alpha", "127.0.0.1", alpha.port());
        hooks.listService("beta", "127.0.0.1", beta.port());
        client = new OkHttpClient.Builder()
                .callTimeout(20, TimeUnit.SECONDS)
                .build();
    }

    @AfterEach
    void tearDown() throws IOException {
        alpha.close();
        beta.close();
        unlisted.close();
    }

    private Response get(String url, String... headers) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            response.body().string();
            return response;
        }
    }

    private static String url(WireServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void addsTokenOfTheListedService() throws Exception {
        Response response = get(url(alpha, "/items"));

        assertThat(response.code()).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void addsTokenOnEnqueuedCalls() throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        client.newCall(new Request.Builder().url(url(beta, "/stock")).build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                status.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    status.complete(response.code());
                }
            }
        });

        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void decidesWithSchemeHostPortMethodAndRawPath() throws Exception {
        get(url(alpha, "/items/a%2Fb?full=true"));

        assertThat(hooks.outboundCalls()).containsExactly(
                new RecordingHooks.Outbound("http", "127.0.0.1", alpha.port(), "GET", "/items/a%2Fb"));
    }

    @Test
    void sendsNoTokenToUnlistedDestination() throws Exception {
        get(url(unlisted, "/"));

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void stripsTokenHeaderSetByTheApplicationForUnlistedDestination() throws Exception {
        get(url(unlisted, "/"), TOKEN_HEADER, "forged");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void replacesTokenHeaderSetByTheApplicationForListedDestination() throws Exception {
        get(url(alpha, "/"), "rolegate-token", "forged");

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void keepsOtherApplicationHeaders() throws Exception {
        get(url(alpha, "/"), "X-Trace", "abc");

        assertThat(alpha.take().values("X-Trace")).containsExactly("abc");
    }

    @Test
    void dropsTokenWhenRedirectedFromListedAddressToUnlistedHostName() throws Exception {
        // localhost resolves to 127.0.0.1, but "localhost:port" is not a listed address
        alpha.redirectingOnceTo("http://localhost:" + alpha.port() + "/elsewhere");

        Response response = get(url(alpha, "/start"));

        assertThat(response.code()).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        WireServer.Request redirected = alpha.take();
        assertThat(redirected.requestLine()).startsWith("GET /elsewhere ");
        assertThat(redirected.values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void dropsTokenWhenRedirectedToUnlistedPort() throws Exception {
        alpha.redirectingOnceTo(url(unlisted, "/landing"));

        Response response = get(url(alpha, "/start"));

        assertThat(response.code()).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void sendsTheOtherServicesTokenWhenRedirectedToAnotherListedService() throws Exception {
        alpha.redirectingOnceTo(url(beta, "/landing"));

        get(url(alpha, "/start"));

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void addsTokenWhenRedirectedFromUnlistedToListedService() throws Exception {
        unlisted.redirectingOnceTo(url(beta, "/landing"));

        get(url(unlisted, "/start"), TOKEN_HEADER, "forged");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void decidesEachHopExactlyOnce() throws Exception {
        alpha.redirectingOnceTo(url(beta, "/landing"));

        get(url(alpha, "/start"));

        assertThat(hooks.outboundCalls()).containsExactly(
                new RecordingHooks.Outbound("http", "127.0.0.1", alpha.port(), "GET", "/start"),
                new RecordingHooks.Outbound("http", "127.0.0.1", beta.port(), "GET", "/landing"));
    }

    @Test
    void networkInterceptorsOfTheApplicationNeverSeeTheToken() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        client = client.newBuilder().addNetworkInterceptor(chain -> {
            seen.add(String.valueOf(chain.request().header(TOKEN_HEADER)));
            return chain.proceed(chain.request());
        }).build();

        get(url(alpha, "/items"));

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(seen).containsExactly("null");
    }

    @Test
    void applicationDoesNotReadTheTokenBackFromResponses() throws Exception {
        alpha.redirectingOnceTo(url(beta, "/landing"));

        Response response = get(url(alpha, "/start"));

        assertThat(beta.take().values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
        assertThat(response.request().header(TOKEN_HEADER)).isNull();
        assertThat(response.networkResponse().request().header(TOKEN_HEADER)).isNull();
        assertThat(response.priorResponse().networkResponse().request().header(TOKEN_HEADER)).isNull();
        assertThat(response.networkResponse().request().tag(dev.rolegate.bootstrap.OutboundAction.class)).isNull();
    }

    @Test
    void failsTheCallWithoutConnectingWhenTheRuntimeRefuses() {
        hooks.refuse("127.0.0.1", alpha.port(), "no credentials for alpha");

        assertThatThrownBy(() -> get(url(alpha, "/items")))
                .isInstanceOf(IOException.class)
                .hasMessage("no credentials for alpha");
        assertThat(alpha.connections()).isZero();
        assertThat(hooks.outboundCalls()).hasSize(1);
    }

    @Test
    void failsTheRedirectedHopWhenTheRuntimeRefusesItsDestination() throws Exception {
        alpha.redirectingOnceTo(url(beta, "/landing"));
        hooks.refuse("127.0.0.1", beta.port(), "egress to beta not allowed");

        assertThatThrownBy(() -> get(url(alpha, "/start")))
                .isInstanceOf(IOException.class)
                .hasMessage("egress to beta not allowed");
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        assertThat(beta.connections()).isZero();
    }
}
