package dev.rolegate.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolegate.it.Closeables;
import dev.rolegate.it.TestPolicy;
import dev.rolegate.it.stacks.ClientApp;
import dev.rolegate.it.stacks.RecordingServer;
import dev.rolegate.it.stacks.TokenSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java.net.http.HttpClient} over real HTTP/2 (h2c): the first request of a connection asks for
 * the upgrade, the next ones are HTTP/2 streams of the same connection. Each stream is a request of
 * its own and carries exactly one token, for a listed peer only. The shared client suite sees only the
 * upgrade requests (its recording server speaks HTTP/1.1); this class sees the streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdkHttpClientHttp2IT {
    private TtlPolicyServer server;
    private H2cRecordingServer listed;
    private H2cRecordingServer unlisted;
    private RecordingServer warmUp;
    private CallerJvm caller;

    @BeforeAll
    void start(@TempDir Path dir) {
        listed = H2cRecordingServer.start();
        unlisted = H2cRecordingServer.start();
        warmUp = RecordingServer.start();
        String policy = TestPolicy.empty()
                .service("inventory", List.of("127.0.0.1:" + listed.port()), List.of())
                .service("warm-up", List.of("127.0.0.1:" + warmUp.port()), List.of())
                .identity("caller", "client")
                .role("reader", "inventory", List.of("GET"), List.of("/**"))
                .role("reader", "warm-up", List.of("GET"), List.of("/**"))
                .bind("reader", "caller")
                .yaml();
        server = TtlPolicyServer.start(dir.resolve("server"), policy, 300, "caller");
        caller = CallerJvm.start("client-jdk-h2", "h2", server.agentFor("caller").env());
        caller.client().awaitTokensFlowTo(warmUp, CallerJvm.TOKEN_HEADER, Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(caller, server, listed, unlisted, warmUp);
    }

    @Test
    void everyHttp2StreamToAListedPeerCarriesExactlyOneTokenForItsAudience() {
        List<H2cRecordingServer.Received> requests = callThreeTimes(listed);

        assertThat(requests).extracting(H2cRecordingServer.Received::protocol)
                .as("the first request asks for the upgrade, the others are streams")
                .containsExactly("HTTP/1.1", "HTTP/2", "HTTP/2");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.header(CallerJvm.TOKEN_HEADER)).as("token headers of %s %s", request.protocol(), request.path())
                    .hasSize(1);
            assertThat(TokenSource.claims(request.header(CallerJvm.TOKEN_HEADER).get(0)).path("aud").asText())
                    .isEqualTo("inventory");
        });
    }

    @Test
    void noHttp2StreamToAnUnlistedPeerCarriesAToken() {
        List<H2cRecordingServer.Received> requests = callThreeTimes(unlisted);

        assertThat(requests).extracting(H2cRecordingServer.Received::protocol).contains("HTTP/2");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.header(CallerJvm.TOKEN_HEADER)).as("token headers of %s %s", request.protocol(), request.path())
                    .isEmpty();
            assertThat(request.header("authorization")).isEmpty();
        });
    }

    /** Three GETs one after the other (one connection); answers what arrived, in order, and checks the app saw HTTP/2. */
    private List<H2cRecordingServer.Received> callThreeTimes(H2cRecordingServer at) {
        String marker = "h2-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            ClientApp.Outcome outcome = caller.client().call("GET", "http://127.0.0.1:" + at.port() + "/items/" + marker + "-" + i, false);
            assertThat(outcome.status()).as("%s", outcome).isEqualTo(200);
        }
        assertThat(caller.process().stdout().find(Pattern.compile("^VERSION \\S+ HTTP_2$")))
                .as("an answer that came over HTTP/2\n%s", caller.process().describe()).isPresent();
        return await("three requests with " + marker).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> at.receivedFor(marker), received -> received.size() == 3);
    }
}
