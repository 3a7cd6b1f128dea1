package dev.rolegate.agent.instrumentation.httpurlconnection;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.agent.instrumentation.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RecordingHooks;
import dev.rolegate.agent.instrumentation.testing.WireServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpUrlConnectionTokenTest {
    private RecordingHooks hooks;
    private WireServer alpha;
    private WireServer beta;
    private WireServer unlisted;

    @BeforeEach
    void setUp() throws IOException {
        hooks = InstrumentedJvm.hooks();
        alpha = new WireServer();
        beta = new WireServer();
        unlisted = new WireServer();
        hooks.listService("alpha", "127.0.0.1", alpha.port());
        hooks.listService("beta", "127.0.0.1", beta.port());
    }

    @AfterEach
    void tearDown() throws IOException {
        alpha.close();
        beta.close();
        unlisted.close();
    }

    private static HttpURLConnection open(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        return connection;
    }

    private static int get(String url, String... headers) throws IOException {
        HttpURLConnection connection = open(url);
        for (int i = 0; i < headers.length; i += 2) {
            connection.addRequestProperty(headers[i], headers[i + 1]);
        }
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return status;
    }

    @Test
    void addsTokenOfTheListedService() throws Exception {
        assertThat(get("http://127.0.0.1:" + alpha.port() + "/items")).isEqualTo(200);

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void decidesWithSchemeHostPortMethodAndPath() throws Exception {
        get("http://127.0.0.1:" + alpha.port() + "/items/7?full=true");

        assertThat(hooks.outboundCalls()).containsExactly(
                new RecordingHooks.Outbound("http", "127.0.0.1", alpha.port(), "GET", "/items/7"));
    }

    @Test
    void addsTokenToPostWithBody() throws Exception {
        HttpURLConnection connection = open("http://127.0.0.1:" + beta.port() + "/stock");
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(connection.getResponseCode()).isEqualTo(200);
        WireServer.Request request = beta.take();
        assertThat(request.requestLine()).startsWith("POST /stock ");
        assertThat(request.values(TOKEN_HEADER)).containsExactly(tokenFor("beta"));
    }

    @Test
    void sendsNoTokenToUnlistedDestination() throws Exception {
        get("http://127.0.0.1:" + unlisted.port() + "/");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void stripsEveryTokenHeaderSetByTheApplicationForUnlistedDestination() throws Exception {
        get("http://127.0.0.1:" + unlisted.port() + "/", TOKEN_HEADER, "forged", "rolegate-token", "again");

        assertThat(unlisted.take().values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void replacesTokenHeaderSetByTheApplicationForListedDestination() throws Exception {
        get("http://127.0.0.1:" + alpha.port() + "/", TOKEN_HEADER, "forged");

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
    }

    @Test
    void dropsTokenWhenRedirectedFromListedAddressToUnlistedHostName() throws Exception {
        alpha.redirectingOnceTo("http://localhost:" + alpha.port() + "/elsewhere");

        assertThat(get("http://127.0.0.1:" + alpha.port() + "/start")).isEqualTo(200);

        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        WireServer.Request redirected = alpha.take();
        assertThat(redirected.requestLine()).startsWith("GET /elsewhere ");
        assertThat(redirected.values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void dropsTokenWhenRedirectedToUnlistedPort() throws Exception {
        alpha.redirectingOnceTo("http://127.0.0.1:" + unlisted.port() + "/landing");

        assertThat(get("http://127.0.0.1:" + alpha.port() + "/start")).isEqualTo(200);

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
    void failsTheCallWithoutSendingWhenTheRuntimeRefuses() {
        hooks.refuse("127.0.0.1", alpha.port(), "no credentials for alpha");

        assertThatThrownBy(() -> get("http://127.0.0.1:" + alpha.port() + "/items"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no credentials for alpha");
        assertThat(alpha.pending()).isZero();
    }
}
