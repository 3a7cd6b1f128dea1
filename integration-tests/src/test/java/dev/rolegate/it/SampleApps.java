package dev.rolegate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Starts the sample applications of module samples (which know nothing of Rolegate) as child JVMs. */
final class SampleApps {
    static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofSeconds(60);

    private SampleApps() {
    }

    static JavaProcess.Builder inventory(int port) {
        return JavaProcess.builder("inventory")
                .mainClass(Jars.samples(), "com.example.inventory.InventoryService")
                .env("PORT", Integer.toString(port));
    }

    static JavaProcess.Builder orders(int port, String inventoryUrl) {
        return JavaProcess.builder("orders")
                .mainClass(Jars.samples(), "com.example.orders.OrdersService")
                .env("PORT", Integer.toString(port))
                .env("INVENTORY_URL", inventoryUrl);
    }

    static JavaProcess.Builder nightlyReport(String inventoryUrl, String ordersUrl) {
        return JavaProcess.builder("nightly-report")
                .mainClass(Jars.samples(), "com.example.report.NightlyReport")
                .env("INVENTORY_URL", inventoryUrl)
                .env("ORDERS_URL", ordersUrl);
    }

    static JavaProcess.Builder fetch(String method, String url, String... body) {
        JavaProcess.Builder builder = JavaProcess.builder("fetch")
                .mainClass(Jars.samples(), "com.example.cli.Fetch")
                .args(method, url);
        return body.length == 0 ? builder : builder.args(body);
    }

    static JavaProcess.Builder withAgent(JavaProcess.Builder builder, AgentSettings agent) {
        return builder.agent(Jars.agent()).env(agent.env());
    }

    /** Waits for a sample service to listen and then for its public {@code GET /health} to answer 200. */
    static void awaitHealthy(JavaProcess service, int port) {
        service.awaitStdout(Pattern.compile("listening on http://127\\.0\\.0\\.1:" + port), STARTUP);
        String url = "http://127.0.0.1:" + port + "/health";
        await(service.name() + " /health to answer 200").atMost(STARTUP)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast(service.name() + " exited", () -> {
                    if (!service.isAlive()) {
                        throw new AssertionError(service.describe());
                    }
                })
                .until(() -> PlainHttp.get(url).statusCode() == 200);
    }

    /**
     * Makes sure every line {@code service} printed so far has been read: sends a public
     * {@code GET /health} and waits for its log line, which the service prints after any earlier
     * one. Only then can a test conclude that a handler did <em>not</em> run.
     */
    static void syncOutput(JavaProcess service, int port) {
        String marker = service.name() + " handled GET /health";
        long before = service.stdout().count(marker);
        try {
            assertThat(PlainHttp.get("http://127.0.0.1:" + port + "/health").statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new AssertionError(service.name() + " /health failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        await(service.name() + " to log its /health call").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> service.stdout().count(marker) > before);
    }

    /** Runs the Fetch client to completion and parses what it printed. */
    static FetchResult fetchOnce(JavaProcess.Builder fetch) {
        try (JavaProcess process = fetch.start()) {
            int exit = process.awaitExit(RUN);
            assertThat(exit).as("Fetch exit code\n%s", process.describe()).isZero();
            return FetchResult.parse(process.stdout().snapshot());
        }
    }

    /** Runs the nightly-report job to completion; its {@code report:} lines, one per call. */
    static List<String> runReport(JavaProcess.Builder report) {
        try (JavaProcess process = report.start()) {
            int exit = process.awaitExit(RUN);
            assertThat(exit).as("nightly-report exit code\n%s", process.describe()).isZero();
            return process.stdout().snapshot().stream().filter(line -> line.startsWith("report: ")).toList();
        }
    }

    /** The status the job printed for {@code METHOD URL}, e.g. {@code "GET http://127.0.0.1:1234/items"}. */
    static int reportedStatus(List<String> reportLines, String methodAndUrl) {
        String prefix = "report: " + methodAndUrl + " -> ";
        String line = reportLines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no report line for " + methodAndUrl + " in " + reportLines));
        String rest = line.substring(prefix.length());
        if (!rest.matches("\\d{3}( .*)?")) {
            throw new AssertionError("the call failed: " + line);
        }
        return Integer.parseInt(rest.substring(0, 3));
    }
}
