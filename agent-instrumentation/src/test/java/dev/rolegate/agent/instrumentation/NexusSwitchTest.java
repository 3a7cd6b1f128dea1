package dev.rolegate.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RolegateInstrumentation#withoutNexus}: Byte Buddy's Nexus is switched off only while the
 * builder is created (a start-up saving), and the application's system properties are left as they were.
 */
class NexusSwitchTest {
    private static final String PROPERTY = ByteBuddy.class.getPackageName() + ".nexus.disabled";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void nexusIsDisabledWhileTheBuilderIsCreated() {
        String seen = RolegateInstrumentation.withoutNexus(() -> System.getProperty(PROPERTY));

        assertThat(seen).isEqualTo("true");
    }

    @Test
    void unsetPropertyIsRemovedAgainAfterwards() {
        RolegateInstrumentation.withoutNexus(() -> "built");

        assertThat(System.getProperty(PROPERTY)).isNull();
    }

    @Test
    void propertySetByTheApplicationIsRestoredAfterwards() {
        System.setProperty(PROPERTY, "false");

        RolegateInstrumentation.withoutNexus(() -> "built");

        assertThat(System.getProperty(PROPERTY)).isEqualTo("false");
    }

    @Test
    void propertyIsRestoredEvenWhenCreationThrows() {
        try {
            RolegateInstrumentation.withoutNexus(() -> {
                throw new IllegalStateException("creation failed");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("creation failed");
        }

        assertThat(System.getProperty(PROPERTY)).isNull();
    }
}
