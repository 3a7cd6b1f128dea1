package dev.rolegate.server.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.server.TestPolicies;
import dev.rolegate.server.TestServer;
import dev.rolegate.server.auth.AdminAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyHistoryTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void putV2() throws Exception {
        assertThat(server.admin("PUT", "/v1/policy", TestServer.json(
                dev.rolegate.policy.PolicyParser.toJson(dev.rolegate.policy.PolicyParser.parse(TestPolicies.V2, "v2")))
                .toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void listsRevisionsNewestFirstWithTimeDigestAndAuthor() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        putV2();

        JsonNode list = TestServer.json(server.admin("GET", "/v1/policy/revisions", null).body());

        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("revision").asLong()).isEqualTo(2);
        assertThat(list.get(0).path("author").asText()).isEqualTo("admin");
        assertThat(list.get(0).path("active").asBoolean()).isTrue();
        assertThat(list.get(0).path("digest").asText()).startsWith("sha256:");
        assertThat(list.get(0).path("activatedAt").asText()).isNotEmpty();
        assertThat(list.get(1).path("author").asText()).isEqualTo("file");
    }

    @Test
    void returnsOneRevisionWithItsDocument() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        putV2();

        HttpResponse<String> r = server.admin("GET", "/v1/policy/revisions/1", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode one = TestServer.json(r.body());
        assertThat(one.path("active").asBoolean()).isFalse();
        assertThat(one.path("policy").path("bindings").toString()).doesNotContain("visitor");
    }

    @Test
    void answers404ForRevisionNotInHistory() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(server.admin("GET", "/v1/policy/revisions/99", null).statusCode()).isEqualTo(404);
    }

    @Test
    void rollbackActivatesOldDocumentAsNewerRevision() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        putV2();

        HttpResponse<String> r = server.admin("POST", "/v1/policy/rollback", "{\"rev\":1}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(server.revision()).isEqualTo(3);
        assertThat(server.server().policyStore().current().digest())
                .isEqualTo(server.server().policyStore().historyEntry(1).orElseThrow().digest());
    }

    @Test
    void rollbackToUnknownRevisionAnswers404AndChangesNothing() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(server.admin("POST", "/v1/policy/rollback", "{\"rev\":42}").statusCode()).isEqualTo(404);
        assertThat(server.revision()).isEqualTo(1);
    }

    @Test
    void historyNeedsAdminSecret() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);

        assertThat(server.adminAs("wrong", "GET", "/v1/policy/revisions", null).statusCode()).isEqualTo(401);
    }

    @Test
    void recordsNamedAdminFromAdminsFileAsAuthor() throws Exception {
        Path admins = dir.resolve("admins.txt");
        Files.writeString(admins, "# operators\nalice: sha256:"
                + HexFormat.of().formatHex(AdminAuthenticator.sha256("alice-secret")) + "\n");
        server = TestServer.start(dir, TestPolicies.V1, Optional.of(TestServer.ADMIN_SECRET),
                Map.of("ROLEGATE_ADMINS_FILE", admins.toString()));

        server.adminAs("alice-secret", "PUT", "/v1/policy", TestServer.json(
                dev.rolegate.policy.PolicyParser.toJson(dev.rolegate.policy.PolicyParser.parse(TestPolicies.V2, "v2")))
                .toString());

        assertThat(server.server().policyStore().current().author()).isEqualTo("alice");
    }

    @Test
    void forgetsRevisionThatWasWrittenButNeverCommittedBeforeCrash() throws Exception {
        server = TestServer.start(dir, TestPolicies.V1);
        server.close();
        // What a crash between the history entry and current.json leaves behind.
        Path history = server.dataDir.resolve("policy").resolve("history");
        Files.copy(history.resolve("1.json"), history.resolve("2.json"));

        server.restart();

        assertThat(server.revision()).isEqualTo(1);
        assertThat(TestServer.json(server.admin("GET", "/v1/policy/revisions", null).body()).size()).isEqualTo(1);
    }
}
