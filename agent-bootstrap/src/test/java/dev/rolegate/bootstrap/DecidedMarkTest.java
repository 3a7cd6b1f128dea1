package dev.rolegate.bootstrap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecidedMarkTest {

    @Test
    void recognisesOnlyThisJvmsMark() {
        assertThat(RolegateBridge.isDecidedMark(RolegateBridge.decidedMark())).isTrue();
        assertThat(RolegateBridge.isDecidedMark("0".repeat(32))).isFalse();
        assertThat(RolegateBridge.isDecidedMark("")).isFalse();
        assertThat(RolegateBridge.isDecidedMark(null)).isFalse();
    }

    @Test
    void markIsA128BitHexSecret() {
        assertThat(RolegateBridge.decidedMark()).matches("[0-9a-f]{32}");
    }
}
