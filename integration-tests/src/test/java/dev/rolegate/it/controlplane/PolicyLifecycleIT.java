package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.FreePorts;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The policy lifecycle over the real server's admin API: 422 with every problem and where it is,
 * the history with time, digest and author, one revision with its document, rollback as a new
 * revision that a real agent enforces, and the policy file winning over a PUT once it is edited.
 */
class PolicyLifecycleIT {
    /** Four problems, each in its own place. */
    static final String INVALID = """
            apiVersion: rolegate/v1
            services:
              inventory:
                addresses: ["127.0.0.1:18080"]
                colour: blue
            identities:
              orders: { kind: client }
            roles:
              inventory-reader:
                allow:
                  - service: warehouse
                    methods: [get]
                    paths: ["/items"]
            bindings:
              - role: no-such-role
                identities: [orders]
            """;

    @TempDir
    Path dir;
    PolicyServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long revision(PolicyServerProcess server) {
        return ControlPlane.json(ControlPlane.admin(server, "GET", "/healthz", null, null).body()).path("revision").asLong();
    }

    private HttpResponse<String> put(String yaml) {
        return ControlPlane.admin(server, "PUT", "/v1/policy", "application/yaml", yaml);
    }

    @Test
    void invalidPutAnswers422WithEveryProblemAndItsLocationAndChangesNothing() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml());
        long before = revision(server);

        HttpResponse<String> r = put(INVALID);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        List<String> problems = new ArrayList<>();
        for (JsonNode p : ControlPlane.json(r.body()).path("problems")) {
            problems.add(p.path("location").asText() + " | " + p.path("message").asText());
        }
        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("services.inventory.colour").contains("colour"))
                .anySatisfy(p -> assertThat(p).contains("roles.inventory-reader.allow[0].service").contains("warehouse"))
                .anySatisfy(p -> assertThat(p).contains("roles.inventory-reader.allow[0].methods[0]").contains("get"))
                .anySatisfy(p -> assertThat(p).contains("bindings[0].role").contains("no-such-role"));
        assertThat(revision(server)).isEqualTo(before);
        assertThat(ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions", null, null).body()))
                .hasSize(1);
    }

    @Test
    void historyRecordsTimeDigestAndAuthorAndServesOneRevisionWithItsDocument() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml());
        HttpResponse<String> put = put(ControlPlane.policy(18080, false).yaml());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        long putRevision = ControlPlane.json(put.body()).path("revision").asLong();

        JsonNode list = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions", null, null).body());
        JsonNode one = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions/" + putRevision,
                null, null).body());

        assertThat(list.get(0).path("revision").asLong()).isEqualTo(putRevision);
        assertThat(list.get(0).path("author").asText()).isEqualTo("admin");
        assertThat(list.get(1).path("author").asText()).isEqualTo("file");
        assertThat(one.path("digest").asText()).startsWith("sha256:").isEqualTo(list.get(0).path("digest").asText());
        assertThat(one.path("activatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(one.path("active").asBoolean()).isTrue();
        assertThat(one.path("policy").path("bindings").get(0).path("identities").get(0).asText()).isEqualTo("visitor");
        assertThat(ControlPlane.admin(server, "GET", "/v1/policy/revisions/999", null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void rollbackActivatesTheOldDocumentAsANewRevisionThatTheAgentEnforces() {
        int port = FreePorts.next();
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(port, true).yaml(),
                "inventory", "orders");
        long first = revision(server);
        try (JavaProcess inventory = ControlPlane.inventory(port, server.agentFor("inventory"), Map.of())) {
            String url = "http://127.0.0.1:" + port + "/items";
            String token = ControlPlane.token(server, "orders", "inventory");
            assertThat(put(ControlPlane.policy(port, false).yaml()).statusCode()).isEqualTo(200);
            await("orders denied after the PUT").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ControlPlane.getWithToken(url, token) == 403);

            HttpResponse<String> rollback = ControlPlane.admin(server, "POST", "/v1/policy/rollback",
                    "application/json", "{\"rev\": " + first + "}");

            assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
            long rolledBack = revision(server);
            assertThat(rolledBack).isGreaterThan(first + 1);
            JsonNode entry = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions/" + rolledBack,
                    null, null).body());
            JsonNode original = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions/" + first,
                    null, null).body());
            assertThat(entry.path("digest").asText()).isEqualTo(original.path("digest").asText());
            await("orders allowed again by the agent").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> ControlPlane.getWithToken(url, ControlPlane.token(server, "orders", "inventory")) == 200);
        }
    }

    @Test
    void anEditOfThePolicyFileReplacesTheDocumentOfAnEarlierPutWithinASecond() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml());
        HttpResponse<String> put = put(ControlPlane.policy(18080, false).yaml());
        assertThat(ControlPlane.json(put.body()).path("note").asText()).contains("policy file");
        long putRevision = ControlPlane.json(put.body()).path("revision").asLong();

        long start = System.nanoTime();
        server.writePolicy(ControlPlane.policy(18081, true).yaml());

        await("the file's document active").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> revision(server) > putRevision);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("policy file edit active after " + millis + " ms");
        assertThat(millis).as("milliseconds from the file edit to its revision being active").isLessThanOrEqualTo(1000);
        JsonNode active = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions/" + revision(server),
                null, null).body());
        assertThat(active.path("author").asText()).isEqualTo("file");
        assertThat(active.path("policy").path("services").path("inventory").path("addresses").toString())
                .contains("18081");
    }
}
