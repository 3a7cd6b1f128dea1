package dev.rolegate.server.handlers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IfNoneMatchTest {
    @Test
    void readsQuotedRevision() {
        assertThat(PolicyGetHandler.knownRevision("\"7\"", 9)).hasValue(7);
    }

    @Test
    void prefersCurrentRevisionInAList() {
        assertThat(PolicyGetHandler.knownRevision("\"3\", W/\"9\"", 9)).hasValue(9);
    }

    @Test
    void ignoresStarAndForeignTags() {
        assertThat(PolicyGetHandler.knownRevision("*, \"abc\"", 9)).isEmpty();
    }
}
