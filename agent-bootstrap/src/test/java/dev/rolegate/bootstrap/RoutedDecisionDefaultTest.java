package dev.rolegate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default {@link AgentHooks} routed-path decision, for hooks that only know raw targets. */
class RoutedDecisionDefaultTest {

    @Test
    void defaultRoutedDecisionDecidesOnTheRawTargetWithTheSameHeaders() {
        List<String> seen = new ArrayList<>();
        AgentHooks rawOnly = new AgentHooks() {
            @Override
            public InboundDecision decideInbound(String method, String target, String[] tokenValues,
                                                 String[] overrideMethods) {
                seen.add(method + " " + target + " " + String.join(",", tokenValues) + " "
                        + String.join(",", overrideMethods));
                return InboundDecision.pass("orders");
            }

            @Override
            public OutboundAction decideOutbound(String scheme, String host, int port, String method, String path) {
                return null;
            }

            @Override
            public String tokenHeader() {
                return "Rolegate-Token";
            }
        };

        InboundDecision d = rawOnly.decideInbound("GET", "/a%2Fb", "/a/b", new String[] {"t"}, new String[] {"PUT"});

        assertThat(d.caller()).isEqualTo("orders");
        assertThat(seen).containsExactly("GET /a%2Fb t PUT");
    }
}
