package dev.rolegate.it.security;

import static org.awaitility.Awaitility.await;

import dev.rolegate.it.AgentSettings;
import dev.rolegate.it.Jars;
import dev.rolegate.it.JavaProcess;
import dev.rolegate.it.PlainHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inventory sample (JDK {@code HttpServer}, unmodified) in a child JVM with the real agent. It
 * prints {@code inventory handled METHOD PATH caller=...} before answering, so a test can prove that
 * no handler ran for a refused request.
 */
final class Inventory implements AutoCloseable {
    static final Duration STARTUP = Duration.ofSeconds(90);
    private final JavaProcess process;
    private final int port;

    private Inventory(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts inventory on {@code port} with the agent; {@code extraEnv} e.g. JAVA_TOOL_OPTIONS. */
    static Inventory start(int port, AgentSettings agent, Map<String, String> extraEnv) {
        JavaProcess p = JavaProcess.builder("inventory")
                .mainClass(Jars.samples(), "com.example.inventory.InventoryService")
                .env("PORT", Integer.toString(port))
                .agent(Jars.agent())
                .env(agent.env())
                .env(extraEnv)
                .start();
        Inventory inventory = new Inventory(p, port);
        try {
            p.awaitStdout(Pattern.compile("listening on http://127\\.0\\.0\\.1:" + port), STARTUP);
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
        return inventory;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    JavaProcess process() {
        return process;
    }

    /** Waits until the public {@code GET /health} answers 200 (the agent has a policy). */
    void awaitHealthy() {
        await("inventory /health 200").atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("inventory exited", () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(process.describe());
                    }
                })
                .until(() -> PlainHttp.get(url() + "/health").statusCode() == 200);
    }

    /**
     * Whether a handler ran for {@code method path}, after making sure every earlier line was read:
     * a public {@code GET /health} is answered only after anything printed before it.
     */
    boolean handled(String method, String path) {
        String marker = "inventory handled GET /health";
        long before = process.stdout().count(marker);
        try {
            PlainHttp.get(url() + "/health");
        } catch (IOException e) {
            throw new AssertionError("inventory /health failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        await("inventory to log its /health call").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> process.stdout().count(marker) > before);
        return process.stdout().contains("inventory handled " + method + " " + path);
    }

    /** Whether any handler ran at all for a path under /items (for JVMs where /health itself is refused). */
    boolean anyItemsHandlerRan() {
        return process.stdout().contains("inventory handled") && process.stdout().snapshot().stream()
                .anyMatch(l -> l.startsWith("inventory handled") && l.contains("/items"));
    }

    @Override
    public void close() {
        process.close();
    }
}
