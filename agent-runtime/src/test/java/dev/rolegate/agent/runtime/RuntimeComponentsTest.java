package dev.rolegate.agent.runtime;

import dev.rolegate.agent.runtime.config.AgentConfig;
import dev.rolegate.agent.runtime.fixture.FixtureServer;
import dev.rolegate.agent.runtime.fixture.TestKeys;
import dev.rolegate.agent.runtime.fixture.TestPolicies;
import dev.rolegate.bootstrap.AgentHooks;
import dev.rolegate.bootstrap.OutboundAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runtime wired as AgentRuntime wires it, against the fixture policy server. */
class RuntimeComponentsTest {
    @TempDir
    Path tmp;
    private final TestKeys keys = TestKeys.generate();
    private FixtureServer server;
    private RuntimeComponents runtime;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    private AgentHooks start(String identity, String mode) throws Exception {
        server = new FixtureServer(keys, identity, "s3cret");
        server.rolesFor((sub, aud) -> List.of("inventory-reader"));
        server.publish(TestPolicies.INVENTORY);
        Properties props = new Properties();
        props.setProperty("java.io.tmpdir", tmp.toString());
        AgentConfig config = AgentConfig.parse(Map.of("ROLEGATE_IDENTITY", identity, "ROLEGATE_SECRET", "s3cret",
                "ROLEGATE_SERVER", server.uri().toString(), "ROLEGATE_MODE", mode), props);
        runtime = RuntimeComponents.create(config, new PrintStream(stdout, true, StandardCharsets.UTF_8));
        runtime.startBackground();
        return runtime.hooks();
    }

    @Test
    void refusesInboundCallsUntilThePolicyArrivesThenDecidesByIt() throws Exception {
        AgentHooks hooks = start("inventory", "enforce");
        await().until(() -> hooks.decideInbound("GET", "/health", new String[0], new String[0]).proceed());
        String token = keys.sign("at+jwt", FixtureServer.tokenClaims("orders", "inventory", List.of("inventory-reader"), 60));
        assertThat(hooks.decideInbound("GET", "/items/1", new String[] {token}, new String[0]).caller()).isEqualTo("orders");
        assertThat(hooks.decideInbound("DELETE", "/items/1", new String[] {token}, new String[0]).status()).isEqualTo(403);
    }

    @Test
    void attachesAServerIssuedTokenToCallsToAKnownServiceOnly() throws Exception {
        AgentHooks hooks = start("orders", "enforce");
        await().until(() -> hooks.decideOutbound("http", "inventory", 8080, "GET", "/items") != null);
        OutboundAction a = hooks.decideOutbound("http", "inventory", 8080, "GET", "/items");
        assertThat(a.headerName()).isEqualTo("Rolegate-Token");
        assertThat(hooks.decideOutbound("http", "example.com", 80, "GET", "/")).isNull();
        assertThat(hooks.decideOutbound("http", "127.0.0.1", server.port(), "GET", "/v1/token")).isNull();
    }

    @Test
    void writesDecisionRecordsToTheCapturedStandardOutput() throws Exception {
        AgentHooks hooks = start("inventory", "enforce");
        await().until(() -> hooks.decideInbound("GET", "/health", new String[0], new String[0]).proceed());
        hooks.decideInbound("GET", "/items", new String[0], new String[0]);
        await().until(() -> stdout.toString(StandardCharsets.UTF_8).contains("\"status\":401"));
    }

    @Test
    void aConfigurationErrorRefusesInboundAndAttachesNoToken() {
        AgentConfig config = AgentConfig.parse(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_MODE", "enforse"), new Properties());
        runtime = RuntimeComponents.create(config, new PrintStream(stdout, true, StandardCharsets.UTF_8));
        assertThat(runtime.hooks().decideInbound("GET", "/", new String[0], new String[0]).status()).isEqualTo(503);
        assertThat(runtime.hooks().decideOutbound("http", "inventory", 8080, "GET", "/")).isNull();
    }
}
