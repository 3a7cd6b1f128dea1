package dev.rolegate.it.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.Jars;
import dev.rolegate.it.PolicyServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The real {@code keys rotate} command against a running server: a new key, published beside the previous one. */
class KeysRotateCommandIT {
    @TempDir
    Path dir;
    PolicyServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<String> publishedKids(PolicyServerProcess server) {
        JsonNode jwks = ControlPlane.json(ControlPlane.admin(server, "GET", "/.well-known/jwks.json", null, null).body());
        return jwks.path("keys").findValuesAsText("kid");
    }

    private JavaProcess rotate(Map<String, String> env) {
        return JavaProcess.builder("keys-rotate").jar(Jars.server()).env(env)
                .args("keys", "rotate", "--server", server.url()).start();
    }

    @Test
    void publishesTheNewKeyBesideThePreviousOneAndRepublishesThePolicy() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml());
        List<String> before = publishedKids(server);
        long revisionBefore = ControlPlane.json(ControlPlane.admin(server, "GET", "/healthz", null, null).body())
                .path("revision").asLong();

        try (JavaProcess rotate = rotate(Map.of("ROLEGATE_ADMIN_SECRET", server.adminSecret()))) {
            assertThat(rotate.awaitExit(Duration.ofSeconds(60))).as(rotate.describe()).isZero();
            Matcher m = Pattern.compile("new signing key (\\S+) published").matcher(String.join("\n",
                    rotate.stdout().snapshot()));
            assertThat(m.find()).as(rotate.describe()).isTrue();
            String newKid = m.group(1);

            assertThat(before).hasSize(1);
            assertThat(publishedKids(server)).containsExactlyInAnyOrder(newKid, before.get(0));
        }
        JsonNode newest = ControlPlane.json(ControlPlane.admin(server, "GET", "/v1/policy/revisions", null, null).body())
                .get(0);
        assertThat(newest.path("revision").asLong()).as("the policy re-published for the new key")
                .isGreaterThan(revisionBefore);
        assertThat(newest.path("author").asText()).isEqualTo("admin");
    }

    @Test
    void exitsOneAndChangesNothingWithAWrongAdminSecret() {
        server = PolicyServerProcess.start(dir.resolve("server"), ControlPlane.policy(18080, true).yaml());
        List<String> before = publishedKids(server);

        try (JavaProcess rotate = rotate(Map.of("ROLEGATE_ADMIN_SECRET", "not-the-admin-secret"))) {
            assertThat(rotate.awaitExit(Duration.ofSeconds(60))).as(rotate.describe()).isEqualTo(1);
            assertThat(String.join("\n", rotate.stderr().snapshot())).contains("HTTP 401");
        }
        assertThat(publishedKids(server)).isEqualTo(before);
    }
}
