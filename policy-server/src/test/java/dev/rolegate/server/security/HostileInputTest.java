package dev.rolegate.server.security;

import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile input to the real policy server (in-process {@code RolegateServer} on a loopback port),
 * one named row per case of issue 6 ("Policy server"): every one gets a clear 4xx in bounded time,
 * and a hostile policy document never changes the active revision.
 */
class HostileInputTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String ADMIN = "Bearer " + TestServer.ADMIN_SECRET;

    @TempDir
    static Path dir;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Arguments doc(String name, String contentType, String body) {
        return Arguments.of(Named.of(name, contentType), body);
    }

    static Stream<Arguments> hostileDocuments() {
        List<Arguments> rows = new ArrayList<>();
        StringBuilder laughs = new StringBuilder("apiVersion: rolegate/v1\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*a" + (i - 1);
            laughs.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        rows.add(doc("YAML billion laughs", "application/yaml", laughs.toString()));
        rows.add(doc("YAML nested 10,000 flow sequences", "application/yaml",
                "apiVersion: rolegate/v1\nservices: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
        StringBuilder block = new StringBuilder("apiVersion: rolegate/v1\nservices:\n");
        for (int i = 0; i < 1_000; i++) {
            block.append(" ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        rows.add(doc("YAML nested 1,000 block mappings", "application/yaml", block.toString()));
        rows.add(doc("JSON nested 100,000 arrays", "application/json",
                "{\"apiVersion\":\"rolegate/v1\",\"services\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        rows.add(doc("JSON nested 50,000 objects", "application/json",
                "{\"apiVersion\":\"rolegate/v1\",\"services\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}"));
        rows.add(doc("YAML duplicate key", "application/yaml", TestPolicies.V1 + "services: {}\n"));
        rows.add(doc("JSON duplicate key", "application/json",
                "{\"apiVersion\":\"rolegate/v1\",\"apiVersion\":\"rolegate/v1\",\"services\":{}}"));
        rows.add(doc("YAML tag constructing javax.script.ScriptEngineManager", "application/yaml",
                "apiVersion: rolegate/v1\nservices: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                        + "[[!!java.net.URL [\"http://127.0.0.1:1/x.jar\"]]]]\n"));
        rows.add(doc("YAML local tag", "application/yaml", TestPolicies.V1.replace("identities:\n  nightly", "identities: !x\n  nightly")));
        rows.add(doc("YAML 1.1 implicit boolean as method (no)", "application/yaml",
                TestPolicies.V1.replace("methods: [GET, HEAD]", "methods: [GET, no]")));
        rows.add(doc("YAML 1.1 implicit boolean as identity name (off)", "application/yaml",
                TestPolicies.V1.replace("identities: [orders, nightly-report]", "identities: [orders, off]")));
        rows.add(doc("YAML 1.1 sexagesimal number as description", "application/yaml",
                TestPolicies.V1.replace("description: Read stock levels", "description: 1:30")));
        rows.add(doc("unknown top-level field", "application/yaml", TestPolicies.V1 + "superuser: [ghost]\n"));
        rows.add(doc("unknown field in a rule", "application/yaml",
                TestPolicies.V1.replace("methods: [GET, HEAD]", "methods: [GET, HEAD]\n        deny: false")));
        rows.add(doc("look-alike Unicode service name (Cyrillic o in orders)", "application/yaml",
                TestPolicies.V1.replace("  orders:\n", "  \u043erders:\n")));
        rows.add(doc("look-alike Unicode identity in a binding (fullwidth letters)", "application/yaml",
                TestPolicies.V1.replace("identities: [orders, nightly-report]", "identities: [orders, \uff4eightly-report]")));
        rows.add(doc("zero-width space in a role name", "application/yaml",
                TestPolicies.V1.replace("  inventory-reader:\n", "  inventory\u200b-reader:\n")));
        rows.add(doc("YAML anchor and merge key", "application/yaml",
                TestPolicies.V1 + "x: &x {a: 1}\ny:\n  <<: *x\n"));
        rows.add(doc("binary garbage", "application/yaml", "\u0000\u0001\u00ff\ufffe" + "\u0007".repeat(100)));
        rows.add(doc("JSON with a NUL in a name", "application/json",
                "{\"apiVersion\":\"rolegate/v1\",\"services\":{\"inv\\u0000entory\":{\"addresses\":[\"localhost:1\"]}}}"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void hostilePolicyIsRefused422InBoundedTimeAndChangesNothing(String contentType, String body) throws Exception {
        long before = server.revision();

        HttpResponse<String> r = assertTimeoutPreemptively(BOUND, () -> server.send(HttpRequest.newBuilder(server.uri("/v1/policy"))
                .header("Content-Type", contentType).header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(TestServer.json(r.body()).path("problems").size()).isPositive();
        assertThat(server.revision()).isEqualTo(before);
    }

    @Test
    void hugePolicyBodyIsRefused413BeforeParsing() throws Exception {
        long before = server.revision();
        String huge = "apiVersion: rolegate/v1\n# " + "x".repeat(8 * 1024 * 1024) + "\n";

        HttpResponse<String> r = assertTimeoutPreemptively(BOUND, () -> server.send(HttpRequest.newBuilder(server.uri("/v1/policy"))
                .header("Content-Type", "application/yaml").header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString(huge)).build()));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(server.revision()).isEqualTo(before);
    }

    @Test
    void declaredHugeBodyIsRefused413BeforeAnyOfItIsSent() throws Exception {
        long before = server.revision();
        String head = "PUT /v1/policy HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ADMIN
                + "\r\nContent-Type: application/yaml\r\nContent-Length: 1073741824\r\n\r\n";

        // Only the headers are sent: an answer at all proves the server never waited for (or parsed) the body.
        String answer = assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.uri("/").getPort())) {
                s.setSoTimeout((int) BOUND.toMillis());
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                byte[] firstLine = new byte[12];
                int n = s.getInputStream().readNBytes(firstLine, 0, firstLine.length);
                return new String(firstLine, 0, n, StandardCharsets.US_ASCII);
            }
        });

        assertThat(answer).isEqualTo("HTTP/1.1 413");
        assertThat(server.revision()).isEqualTo(before);
    }

    @Test
    void hugeChunkedPolicyBodyWithoutALengthIsRefused413() throws Exception {
        long before = server.revision();
        // From an InputStream the client sends chunks and no Content-Length: the limit must hold while aggregating.
        byte[] fourMiB = ("apiVersion: rolegate/v1\n" + "# padding\n".repeat(4 * 1024 * 1024 / 10)).getBytes(StandardCharsets.US_ASCII);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fourMiB));

        HttpResponse<String> r = assertTimeoutPreemptively(BOUND, () -> server.send(HttpRequest.newBuilder(server.uri("/v1/policy"))
                .header("Content-Type", "application/yaml").header("Authorization", ADMIN).PUT(chunked).build()));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(server.revision()).isEqualTo(before);
    }

    @Test
    void hostilePolicyFromANonAdminIsRefusedBeforeParsing() throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v1/policy"))
                .header("Content-Type", "application/yaml").header("Authorization", TestServer.basic("orders"))
                .PUT(HttpRequest.BodyPublishers.ofString("a: !!javax.script.ScriptEngineManager []")).build());

        assertThat(r.statusCode()).isEqualTo(401);
    }

    static Stream<Arguments> hostileTokenRequests() {
        String orders = TestServer.basic("orders");
        return Stream.of(
                Arguments.of(Named.of("grant_type password", orders),
                        TestServer.form(Map.of("grant_type", "password", "audience", "inventory")), 400),
                Arguments.of(Named.of("grant_type missing", orders), TestServer.form(Map.of("audience", "inventory")), 400),
                Arguments.of(Named.of("grant_type in upper case", orders),
                        TestServer.form(Map.of("grant_type", "CLIENT_CREDENTIALS", "audience", "inventory")), 400),
                Arguments.of(Named.of("audience missing", orders), TestServer.form(Map.of("grant_type", "client_credentials")), 400),
                Arguments.of(Named.of("audience not a service", orders),
                        TestServer.form(Map.of("grant_type", "client_credentials", "audience", "../inventory")), 400),
                Arguments.of(Named.of("audience a look-alike", orders),
                        TestServer.form(Map.of("grant_type", "client_credentials", "audience", "\u0456nventory")), 400),
                Arguments.of(Named.of("empty body", orders), "", 400),
                Arguments.of(Named.of("wrong secret", TestServer.basic("orders", "not-the-secret")),
                        TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")), 401),
                Arguments.of(Named.of("no credentials at all", ""),
                        TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")), 401),
                Arguments.of(Named.of("secret of another identity", TestServer.basic("orders", TestServer.SECRETS.get("visitor"))),
                        TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory")), 401),
                Arguments.of(Named.of("client_assertion that is not a JWT", ""),
                        TestServer.form(Map.of("grant_type", "client_credentials", "audience", "inventory",
                                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                "client_assertion", "not.a.jwt")), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokenRequests")
    void hostileTokenRequestGetsAClear4xxAndNoToken(String authorization, String form, int status) throws Exception {
        HttpResponse<String> r = assertTimeoutPreemptively(BOUND,
                () -> server.token(authorization.isEmpty() ? null : authorization, form));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("access_token");
        assertThat(TestServer.json(r.body()).path("error").asText()).isNotBlank();
    }

    @Test
    void unauthenticatedPolicyWatchIsAnswered401AtOnceNotHeld() throws Exception {
        HttpResponse<String> r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> server.get("/v1/policy?wait=60"));

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void policyWatchWithAWrongSecretIsAnswered401AtOnceNotHeld() throws Exception {
        HttpResponse<String> r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> server.get("/v1/policy?wait=60", "Authorization", TestServer.basic("orders", "wrong")));

        assertThat(r.statusCode()).isEqualTo(401);
    }
}
