package dev.rolegate.agent;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts a tiny application with {@code -javaagent:target/rolegate-agent.jar} in a child JVM. */
class AgentStartupIT {
    private static final String UNREACHABLE = "http://127.0.0.1:9";

    @Test
    void withoutAnIdentityTheAppRunsAndTheAgentWarnsOnce() throws Exception {
        ChildJvm.Result r = ChildJvm.run(Map.of());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("tiny-app: done");
        assertThat(r.agentLines()).singleElement().asString().contains("ROLEGATE_IDENTITY is not set");
    }

    @Test
    void aBadModeIsReportedInOneLineNamingTheVariableAndTheAppStillStarts() throws Exception {
        ChildJvm.Result r = ChildJvm.run(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_MODE", "enforse",
                "ROLEGATE_SERVER", UNREACHABLE, "ROLEGATE_AUDIT", "off"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("tiny-app: done");
        assertThat(r.agentLines()).filteredOn(l -> l.contains("ROLEGATE_MODE")).singleElement().asString()
                .isEqualTo("rolegate: ROLEGATE_MODE=\"enforse\" is not one of enforce, monitor, off; inbound calls will be"
                        + " refused (503) until this is fixed");
    }

    @Test
    void aBadModeMakesInboundCallsFailClosed() throws Exception {
        ChildJvm.Result r = ChildJvm.run(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_MODE", "enforse",
                "ROLEGATE_SERVER", UNREACHABLE, "ROLEGATE_AUDIT", "off"), "serve");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("tiny-app: status=503");
    }

    @Test
    void withoutPolicyServerInboundCallsAreRefusedAndStartupDoesNotWait() throws Exception {
        ChildJvm.Result r = ChildJvm.run(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_SERVER", UNREACHABLE,
                "ROLEGATE_AUDIT", "off", "ROLEGATE_CACHE_DIR", System.getProperty("java.io.tmpdir") + "/rolegate-it-none"),
                "serve");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("tiny-app: status=503");
        assertThat(r.agentLines()).anyMatch(l -> l.startsWith("rolegate: agent ") && l.contains("identity=orders")
                && l.contains("mode=enforce") && l.contains("server=" + UNREACHABLE));
        assertThat(r.millis()).isLessThan(20_000);
    }

    @Test
    void theAgentsLibrariesStayOutOfTheApplicationsClassPath() throws Exception {
        ChildJvm.Result r = ChildJvm.run(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_SERVER", UNREACHABLE,
                "ROLEGATE_AUDIT", "off"));
        assertThat(r.stdout()).contains("tiny-app: net.bytebuddy.ByteBuddy absent",
                "tiny-app: com.fasterxml.jackson.databind.ObjectMapper absent", "tiny-app: com.nimbusds.jose.JWSObject absent",
                "tiny-app: dev.rolegate.agent.runtime.AgentRuntime absent");
    }

    @Test
    void modeOffStartsNothing() throws Exception {
        ChildJvm.Result r = ChildJvm.run(Map.of("ROLEGATE_IDENTITY", "orders", "ROLEGATE_MODE", "off"), "serve");
        assertThat(r.stdout()).contains("tiny-app: status=200", "tiny-app: dev.rolegate.bootstrap.RolegateBridge absent");
        assertThat(r.agentLines()).noneMatch(l -> l.startsWith("rolegate: agent "));
    }
}
