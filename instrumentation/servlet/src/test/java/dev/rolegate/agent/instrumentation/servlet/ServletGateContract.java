package dev.rolegate.agent.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.bootstrap.RolegateBridge;
import servletapp.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The servlet gate's behaviours, proved against one real container per subclass: the container
 * serves {@link TestApp} under context path {@code /ctx}, with the filter and the servlet on
 * {@code /*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletGateContract {
    protected final TestApp app = new TestApp();
    protected RecordingHooks hooks;
    private int port;

    /** Starts the container with {@link #app} on a free loopback port; returns the port. */
    protected abstract int start() throws Exception;

    protected abstract void stop() throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        hooks = InstrumentedJvm.hooks();
        port = start();
    }

    @AfterAll
    void stopContainer() throws Exception {
        stop();
    }

    @BeforeEach
    void reset() {
        hooks.reset();
        app.reached.clear();
    }

    protected RawHttp.Response get(String target, String... headers) throws Exception {
        return RawHttp.send(port, "GET", target, headers);
    }

    @Test
    void allowedRequestReachesTheServletWithTheVerifiedCallerAndWithoutTheToken() throws Exception {
        RawHttp.Response r = get("/ctx/items/1", "Rolegate-Token: good");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("caller=orders;callerCount=1;token=false;decided=false");
        assertThat(r.body()).contains("rolegate-caller").doesNotContain("rolegate-token");
    }

    @Test
    void deniedRequestIsAnsweredWithProblemJsonAndNoApplicationCodeRuns() throws Exception {
        RawHttp.Response r = get("/ctx/items/1");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("X-Rolegate-Test")).isEqualTo("denied");
        assertThat(r.body()).isEqualTo("{\"title\":\"Forbidden\",\"status\":403}");
        assertThat(app.reached).isEmpty();
    }

    @Test
    void clientSentCallerHeaderNeverReachesTheApplicationOnAPublicPath() throws Exception {
        RawHttp.Response r = get("/ctx/public", "Rolegate-Caller: admin", "rolegate-caller: root");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("caller=;callerCount=0").doesNotContain("rolegate-caller");
    }

    @Test
    void clientSentCallerHeaderIsReplacedByTheVerifiedCaller() throws Exception {
        RawHttp.Response r = get("/ctx/items/1", "Rolegate-Token: good", "Rolegate-Caller: admin");

        assertThat(r.body()).contains("caller=orders;callerCount=1");
    }

    @Test
    void decidesOnTheRoutedPathAndHandsOverTheRawTarget() throws Exception {
        get("/ctx/items/a%20b?x=1", "Rolegate-Token: good");

        assertThat(hooks.inbound()).singleElement().satisfies(d -> {
            assertThat(d.rawTarget()).isEqualTo("/ctx/items/a%20b");
            assertThat(d.routedPath()).isEqualTo("/ctx/items/a b");
        });
    }

    @Test
    void passesEveryTokenAndMethodOverrideValueToTheRuntime() throws Exception {
        RawHttp.Response r = get("/ctx/items/1", "Rolegate-Token: good", "Rolegate-Token: other",
                "X-HTTP-Method-Override: DELETE");

        assertThat(r.status()).isEqualTo(403);
        assertThat(hooks.inbound()).singleElement().satisfies(d -> {
            assertThat(d.tokens()).containsExactly("good", "other");
            assertThat(d.overrides()).containsExactly("DELETE");
        });
    }

    @Test
    void decidesOnceAcrossTheFilterTheServletAndAForward() throws Exception {
        RawHttp.Response r = get("/ctx/forward", "Rolegate-Token: good");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("path=/items/forwarded;caller=orders;callerCount=1;token=false");
        assertThat(hooks.inbound()).hasSize(1);
    }

    @Test
    void asyncContextSeesTheGatedRequest() throws Exception {
        RawHttp.Response r = get("/ctx/async/items", "Rolegate-Token: good", "Rolegate-Caller: admin");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("path=/async/items;caller=orders;callerCount=1;token=false");
        assertThat(hooks.inbound()).hasSize(1);
    }

    @Test
    void failureInsideTheRuntimeRefusesTheRequest() throws Exception {
        RawHttp.Response r = get("/ctx/boom", "Rolegate-Token: good");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(app.reached).isEmpty();
    }

    @Test
    void headRefusalHasTheStatusAndHeadersButNoBody() throws Exception {
        RawHttp.Response r = RawHttp.send(port, "HEAD", "/ctx/items/1");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).isEmpty();
        assertThat(app.reached).isEmpty();
    }

    @Test
    void requestMarkedByANativeHookOfThisJvmIsNotDecidedAgainAndTheMarkIsHidden() throws Exception {
        // What Undertow's native handler leaves on a request it let through.
        RawHttp.Response r = get("/ctx/items/1", RolegateBridge.DECIDED_HEADER + ": " + RolegateBridge.decidedMark(),
                "Rolegate-Caller: orders");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("caller=orders;callerCount=1;token=false;decided=false");
        assertThat(hooks.inbound()).isEmpty();
    }

    @Test
    void forgedDecidedMarkIsHiddenFromTheApplication() throws Exception {
        RawHttp.Response r = get("/ctx/items/1", "Rolegate-Token: good", RolegateBridge.DECIDED_HEADER + ": forged");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("decided=false").doesNotContain("rolegate-decided");
    }

    @Test
    void forgedDecidedMarkIsIgnoredAndTheRequestDecided() throws Exception {
        RawHttp.Response r = get("/ctx/items/1", RolegateBridge.DECIDED_HEADER + ": 0123456789abcdef0123456789abcdef");

        assertThat(r.status()).isEqualTo(403);
        assertThat(hooks.inbound()).hasSize(1);
        assertThat(app.reached).isEmpty();
    }
}
