package dev.rolegate.agent.instrumentation.apachehttpclient;

import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.TOKEN_HEADER;
import static dev.rolegate.agent.instrumentation.testing.RecordingHooks.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.agent.instrumentation.testing.InstrumentedJvm;
import dev.rolegate.agent.instrumentation.testing.RecordingHooks;
import dev.rolegate.agent.instrumentation.testing.WireServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cases every Apache client variant must pass, against raw-socket servers: {@code alpha} and
 * {@code beta} are listed services, {@code unlisted} is not. Subclasses make one GET with the
 * library, following redirects, and return the final status (throwing what the library threw).
 */
abstract class ClientTokenCases {
    protected RecordingHooks hooks;
    protected WireServer alpha;
    protected WireServer beta;
    protected WireServer unlisted;

    /** One GET of {@code url} with the header name/value pairs, following redirects. */
    protected abstract int get(String url, String... headers) throws Exception;

    @BeforeEach
    void startServers() throws IOException {
        hooks = InstrumentedJvm.hooks();
        alpha = new WireServer();
        beta = new WireServer();
        unlisted = new WireServer();
        hooks.listService("alpha", "127.0.0.1", alpha.port());
        hooks.listService("beta", "127.0.0.1", beta.port());
    }

    @AfterEach
    void stopServers() throws IOException {
        alpha.close();
        beta.close();
        unlisted.close();
    }

    protected static String url(WireServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void addsTokenOfTheListedService() throws Exception {
        int status = get(url(alpha, "/items"));

        assertThat(status).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
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

        int status = get(url(alpha, "/start"));

        assertThat(status).isEqualTo(200);
        assertThat(alpha.take().values(TOKEN_HEADER)).containsExactly(tokenFor("alpha"));
        WireServer.Request redirected = alpha.take();
        assertThat(redirected.requestLine()).startsWith("GET /elsewhere ");
        assertThat(redirected.values(TOKEN_HEADER)).isEmpty();
    }

    @Test
    void dropsTokenWhenRedirectedToUnlistedPort() throws Exception {
        alpha.redirectingOnceTo(url(unlisted, "/landing"));

        int status = get(url(alpha, "/start"));

        assertThat(status).isEqualTo(200);
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
