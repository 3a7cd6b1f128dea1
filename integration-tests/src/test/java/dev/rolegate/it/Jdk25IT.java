package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allowed/denied pair with every agent-equipped JVM on JDK 25 (the policy server stays on the build JDK). */
class Jdk25IT {
    @TempDir
    static Path dir;

    private static ServiceLandscape landscape;

    @BeforeAll
    static void startOnJdk25() {
        Path home = Jars.jdk25Home();
        assumeTrue(Files.isExecutable(home.resolve("bin").resolve("java")),
                "JDK 25 not found at " + home + " (system property rolegate.jdk25.home): the JDK 25 run is skipped");
        landscape = ServiceLandscape.start(dir, home, TestPolicy::demoLike);
    }

    @AfterAll
    static void stop() {
        if (landscape != null) {
            landscape.close();
        }
    }

    @Test
    void allowedCallOnJdk25ReachesTheApplicationWithRolegateCaller() {
        FetchResult result = landscape.fetchAs("nightly-report", "GET", landscape.ordersUrl() + "/orders/7");

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode body = AuditRecords.parse(result.body());
        assertThat(body.path("seenCaller").asText()).isEqualTo("nightly-report");
        assertThat(body.at("/inventory/seenCaller").asText()).isEqualTo("orders");
        assertThat(landscape.inventorySynced().stdout().contains("inventory handled GET /items/7 caller=orders")).isTrue();
    }

    @Test
    void forbiddenCallOnJdk25Gets403AndNeverReachesTheHandler() {
        FetchResult result = landscape.fetchAs("nightly-report", "POST", landscape.inventoryUrl() + "/items/2", "{\"add\":1}");

        assertThat(result.status()).as(result.body()).isEqualTo(403);
        assertThat(result.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(landscape.inventorySynced().stdout().contains("inventory handled POST /items/2")).isFalse();
    }
}
