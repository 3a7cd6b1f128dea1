package dev.rolegate.it.stacks;

import static org.awaitility.Awaitility.await;

import dev.rolegate.it.JavaProcess;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running client test app (docs/STACK-TESTS.md, "Client test app protocol"): writes
 * {@code <id> <METHOD> <URL> <follow|nofollow>} to its stdin and waits for its
 * {@code RESULT <id> <status>} or {@code ERROR <id> <class>: <message>} line.
 */
public final class ClientApp {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** What the app printed for one request: a status, or the exception it got. */
    public record Outcome(int status, String error) {
        public boolean failed() {
            return error != null;
        }

        @Override
        public String toString() {
            return failed() ? "ERROR " + error : "RESULT " + status;
        }
    }

    private final JavaProcess process;
    private final AtomicInteger ids = new AtomicInteger();

    public ClientApp(JavaProcess process) {
        this.process = process;
    }

    /** Makes the app call {@code url} and waits for what it printed. */
    public Outcome call(String method, String url, boolean follow) {
        String id = "r" + ids.incrementAndGet();
        process.writeLine(id + " " + method + " " + url + " " + (follow ? "follow" : "nofollow"));
        Matcher line = process.awaitStdout(Pattern.compile("^(RESULT|ERROR) " + id + " (.*)$"), CALL_TIMEOUT);
        return line.group(1).equals("RESULT")
                ? new Outcome(Integer.parseInt(line.group(2).trim().split(" ")[0]), null)
                : new Outcome(0, line.group(2));
    }

    /**
     * Calls {@code GET <listedBaseUrl>/items/warm-up-...} until one such call arrives at
     * {@code listed} with a token: the agent waits only a bounded time for its first policy, and on a
     * loaded machine the first calls of a fresh JVM may go out before it has one (without a token).
     * The cases start once tokens flow.
     */
    public void awaitTokensFlowTo(RecordingServer listed, String tokenHeader, Duration timeout) {
        await(process.name() + " to send a token to 127.0.0.1:" + listed.port()).atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String marker = "warm-up-" + UUID.randomUUID();
                    Outcome outcome = call("GET", "http://127.0.0.1:" + listed.port() + "/items/" + marker, false);
                    return !outcome.failed() && listed.first(marker)
                            .map(received -> received.header(tokenHeader) != null).orElse(false);
                });
    }

    public JavaProcess process() {
        return process;
    }
}
