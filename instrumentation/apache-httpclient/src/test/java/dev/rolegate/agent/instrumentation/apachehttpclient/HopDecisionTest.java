package dev.rolegate.agent.instrumentation.apachehttpclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HopDecisionTest {

    @ParameterizedTest
    @CsvSource({
        "/items/7?full=true, /items/7",
        "/items/7#top, /items/7",
        "/a%2Fb, /a%2Fb",
        "http://inventory:8080/items?x=1, /items",
        "https://inventory, /",
        "'', /",
        "?q=1, /"
    })
    void decidesOnThePathOfTheRequestTargetOnly(String target, String path) {
        assertThat(HopDecision.pathOf(target)).isEqualTo(path);
    }
}
