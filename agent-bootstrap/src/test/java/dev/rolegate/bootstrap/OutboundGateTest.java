package dev.rolegate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure header rewriting behind every client adapter (no bridge state involved). */
class OutboundGateTest {
    private static final String TOKEN = "Rolegate-Token";

    private static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return map;
    }

    @Test
    void leavesHeadersWithoutTokenUntouchedForUnlistedDestination() {
        assertThat(OutboundGate.rewrite(headers("Accept", "text/plain"), TOKEN, null)).isNull();
    }

    @Test
    void removesTokenHeaderInAnyCaseForUnlistedDestination() {
        Map<String, List<String>> result = OutboundGate.rewrite(
                headers("rolegate-TOKEN", "forged", "Accept", "text/plain"), TOKEN, null);

        assertThat(result).containsOnlyKeys("Accept");
    }

    @Test
    void replacesEveryExistingTokenWithTheAttachedOne() {
        Map<String, List<String>> result = OutboundGate.rewrite(
                headers("rolegate-token", "forged", "Accept", "text/plain"), TOKEN,
                OutboundAction.attach(TOKEN, "fresh"));

        assertThat(result).containsOnlyKeys("Accept", TOKEN);
        assertThat(result.get(TOKEN)).containsExactly("fresh");
    }

    @Test
    void removesTheOldTokenHeaderWhenTheActionNamesAnotherHeader() {
        Map<String, List<String>> result = OutboundGate.rewrite(
                headers(TOKEN, "stale", "X-Other", "x"), TOKEN, OutboundAction.attach("X-Renamed-Token", "fresh"));

        assertThat(result).containsOnlyKeys("X-Other", "X-Renamed-Token");
    }

    @Test
    void ignoresRefusalWhenRewriting() {
        // refusals are thrown by the callers before rewriting; rewriting one just strips
        Map<String, List<String>> result = OutboundGate.rewrite(headers(TOKEN, "x"), TOKEN,
                OutboundAction.refuse("no credentials"));

        assertThat(result).isEmpty();
    }

    @Test
    void defaultsPortsFromTheScheme() {
        assertThat(OutboundGate.defaultPort("http")).isEqualTo(80);
        assertThat(OutboundGate.defaultPort("https")).isEqualTo(443);
        assertThat(OutboundGate.defaultPort("ftp")).isEqualTo(-1);
    }
}
