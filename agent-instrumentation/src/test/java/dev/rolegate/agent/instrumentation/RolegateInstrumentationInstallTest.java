package dev.rolegate.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class RolegateInstrumentationInstallTest {

    @Test
    void installReportsAndReturnsAHandleInsteadOfThrowingWhenItCannotInstrument() throws Exception {
        AutoCloseable handle = RolegateInstrumentation.install(null);

        assertThat(handle).isNotNull();
        assertThatCode(handle::close).doesNotThrowAnyException();
    }
}
