package dev.rolegate.it.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.it.JavaProcess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves that no token the agent attached ever shows up in the agent's (or the application's)
 * output: every token that reached a {@link RecordingServer} is looked for, whole and by its
 * signature alone (a leak may print a shortened token), in every stdout and stderr line of the app.
 */
public final class TokenLeaks {
    private TokenLeaks() {
    }

    /** Every distinct value of {@code tokenHeader} received by {@code servers}. */
    public static Set<String> tokensReceivedBy(String tokenHeader, RecordingServer... servers) {
        Set<String> tokens = new LinkedHashSet<>();
        for (RecordingServer server : servers) {
            for (RecordingServer.Received received : server.received()) {
                String token = received.header(tokenHeader);
                if (token != null) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    /** Fails, without quoting any token, when one of {@code tokens} occurs in {@code process}'s output. */
    public static void assertNoneInOutputOf(JavaProcess process, Set<String> tokens) {
        assertThat(tokens).as("tokens received (nothing to look for otherwise)").isNotEmpty();
        List<String> lines = new ArrayList<>(process.stdout().snapshot());
        lines.addAll(process.stderr().snapshot());
        assertThat(lines).as("output lines of %s", process.name()).isNotEmpty();
        for (String token : tokens) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(signature.length()).as("signature length of a received token").isGreaterThan(40);
            long leaking = lines.stream().filter(line -> line.contains(token) || line.contains(signature)).count();
            // Deliberately not printed: a failure message must not leak the token either.
            assertThat(leaking).as("lines of %s's output that contain a token it attached", process.name()).isZero();
        }
    }
}
