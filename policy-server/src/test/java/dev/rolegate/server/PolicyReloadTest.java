package dev.rolegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolicyReloadTest {
    /**
     * Generous on purpose: unit tests prove that a change is picked up, not how fast (the suite
     * shares two cores); the one-second promise is measured by the integration tests.
     */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void picksUpInPlaceEdit() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        server.editInPlace(TestPolicies.V2);

        await().atMost(SETTLE).until(() -> server.revision() == 2);
    }

    @Test
    void picksUpAtomicRenameSave() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        server.saveAtomically(TestPolicies.V2);

        await().atMost(SETTLE).until(() -> server.revision() == 2);
    }

    @Test
    void picksUpTwoEditsInQuickSuccession() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.editInPlace(TestPolicies.V2);
        await().atMost(SETTLE).until(() -> server.revision() == 2);

        server.editInPlace(TestPolicies.V1);

        await().atMost(SETTLE).until(() -> server.revision() == 3);
    }

    @Test
    void appliesNewBindingToTokensAfterReload() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.saveAtomically(TestPolicies.V2);
        await().atMost(SETTLE).until(() -> server.revision() == 2);

        String token = TestServer.json(server.tokenFor("visitor", "inventory").body()).path("access_token").asText();

        assertThat(TokenEndpointTest.verify(server, token).getStringListClaim("roles")).containsExactly("inventory-reader");
    }

    @Test
    void keepsServingLastGoodRevisionAfterInvalidEditAndLogsEveryProblem() throws Exception {
        try (LogCapture log = new LogCapture()) {
            server = TestServer.start(dir, TestPolicies.V1);

            server.editInPlace(TestPolicies.INVALID);

            await().atMost(SETTLE).until(() -> log.errors().contains("invalid"));
            assertThat(log.errors()).contains("warehouse").contains("no-such-role");
            assertThat(server.revision()).isEqualTo(1);
            assertThat(server.get("/v1/policy", "Authorization", TestServer.basic("orders")).headers()
                    .firstValue("ETag")).hasValue("\"1\"");
        }
    }

    @Test
    void doesNotCountCommentOnlyEditAsNewRevision() throws Exception {
        try (LogCapture log = new LogCapture()) {
            server = TestServer.start(dir, TestPolicies.V1);

            server.editInPlace(TestPolicies.V1_WITH_COMMENT);

            await().atMost(SETTLE).until(() -> log.infoLines().stream().anyMatch(l -> l.contains("unchanged")));
            assertThat(server.revision()).isEqualTo(1);
        }
    }

    @Test
    void keepsRevisionOfUnchangedDocumentAcrossRestart() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.editInPlace(TestPolicies.V2);
        await().atMost(SETTLE).until(() -> server.revision() == 2);

        server.restart();

        assertThat(server.revision()).isEqualTo(2);
    }

    @Test
    void neverReusesRevisionNumberAfterRestartWithChangedDocument() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.editInPlace(TestPolicies.V2);
        await().atMost(SETTLE).until(() -> server.revision() == 2);
        server.close();

        Files.writeString(server.policyFile, TestPolicies.V1);
        server.restart();

        assertThat(server.revision()).isEqualTo(3);
    }

    @Test
    void persistsRevisionsInDataDirectory() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        JsonNode current = TestServer.json(Files.readString(server.dataDir.resolve("policy/current.json")));

        assertThat(current.path("revision").asLong()).isEqualTo(1);
        assertThat(current.path("policy").path("services").has("inventory")).isTrue();
    }

    @Test
    void tokenIssuedBeforeRestartVerifiesAfterRestart() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        String token = TestServer.json(server.tokenFor("orders", "inventory").body()).path("access_token").asText();
        String kid = JWSObject.parse(token).getHeader().getKeyID();

        server.restart();

        // The issuer is per port here (no ROLEGATE_ISSUER), so check the signature and kid, not iss.
        com.nimbusds.jose.jwk.JWKSet jwks = com.nimbusds.jose.jwk.JWKSet.parse(server.get("/.well-known/jwks.json").body());
        com.nimbusds.jose.jwk.ECKey key = (com.nimbusds.jose.jwk.ECKey) jwks.getKeyByKeyId(kid);
        assertThat(key).isNotNull();
        assertThat(JWSObject.parse(token).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key))).isTrue();
    }

    @Test
    void storesSigningKeyReadableByOwnerOnly() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        Path keys = server.dataDir.resolve("keys");
        String kid = TestServer.json(Files.readString(keys.resolve("state.json"))).path("current").asText();

        assertThat(Files.getPosixFilePermissions(keys.resolve(kid + ".jwk.json")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void servesDemoPolicyAndSaysSoFirstWhenFileIsMissing() throws Exception {
        try (LogCapture log = new LogCapture()) {
            server = TestServer.start(dir, null);

            assertThat(log.infoLines().get(0)).contains("demo policy").contains(server.policyFile.toString());
        }
        assertThat(server.tokenFor("nightly-report", "orders").statusCode()).isEqualTo(200);
    }

    @Test
    void logsListeningLineWithActualPortLast() throws Exception {
        try (LogCapture log = new LogCapture()) {
            server = TestServer.start(dir, TestPolicies.V1);

            java.util.List<String> lines = log.infoLines();
            assertThat(lines.get(lines.size() - 1))
                    .isEqualTo("Rolegate policy server listening on http://127.0.0.1:" + server.server().port());
        }
    }
}
