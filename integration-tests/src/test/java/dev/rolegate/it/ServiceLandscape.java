package dev.rolegate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The demo's landscape on test ports: a policy server, inventory and orders (each with the agent,
 * each writing its decision records to a file), and helpers that run the Fetch client or the
 * nightly-report job with the agent as some identity. All JVMs but the server use {@code javaHome}.
 */
final class ServiceLandscape implements AutoCloseable {
    static final String[] IDENTITIES = {"orders", "inventory", "nightly-report", "visitor"};

    private final Path javaHome;
    private final PolicyServerProcess server;
    private final int inventoryPort;
    private final int ordersPort;
    private final Path inventoryAudit;
    private final Path ordersAudit;
    private JavaProcess inventory;
    private JavaProcess orders;

    private ServiceLandscape(Path dir, Path javaHome, BiFunction<Integer, Integer, TestPolicy> policy) {
        this.javaHome = javaHome;
        this.inventoryPort = FreePorts.next();
        this.ordersPort = FreePorts.next();
        this.inventoryAudit = dir.resolve("inventory-audit.jsonl");
        this.ordersAudit = dir.resolve("orders-audit.jsonl");
        this.server = PolicyServerProcess.start(dir.resolve("server"),
                policy.apply(inventoryPort, ordersPort).yaml(), IDENTITIES);
    }

    /** Starts everything and waits until both services answer their public /health. */
    static ServiceLandscape start(Path dir, Path javaHome, BiFunction<Integer, Integer, TestPolicy> policy) {
        ServiceLandscape landscape = new ServiceLandscape(dir, javaHome, policy);
        try {
            landscape.startServices(dir);
            return landscape;
        } catch (RuntimeException | AssertionError e) {
            landscape.close();
            throw e;
        }
    }

    private void startServices(Path dir) {
        inventory = SampleApps.withAgent(SampleApps.inventory(inventoryPort).javaHome(javaHome),
                        server.agentFor("inventory").audit(inventoryAudit))
                .start();
        // orders reads its secret from a file (ROLEGATE_SECRET_FILE), the way the contract prefers.
        orders = SampleApps.withAgent(SampleApps.orders(ordersPort, "http://localhost:" + inventoryPort).javaHome(javaHome),
                        server.agentFor("orders").secretFile(secretFile(dir, "orders")).audit(ordersAudit))
                .start();
        SampleApps.awaitHealthy(inventory, inventoryPort);
        SampleApps.awaitHealthy(orders, ordersPort);
    }

    private Path secretFile(Path dir, String identity) {
        try {
            return Files.writeString(dir.resolve(identity + ".secret"), server.secretOf(identity) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PolicyServerProcess server() {
        return server;
    }

    JavaProcess inventory() {
        return inventory;
    }

    JavaProcess orders() {
        return orders;
    }

    /** All of inventory's output so far has been read (see {@link SampleApps#syncOutput}). */
    JavaProcess inventorySynced() {
        SampleApps.syncOutput(inventory, inventoryPort);
        return inventory;
    }

    /** All of orders' output so far has been read (see {@link SampleApps#syncOutput}). */
    JavaProcess ordersSynced() {
        SampleApps.syncOutput(orders, ordersPort);
        return orders;
    }

    String inventoryUrl() {
        return "http://127.0.0.1:" + inventoryPort;
    }

    String ordersUrl() {
        return "http://127.0.0.1:" + ordersPort;
    }

    Path inventoryAudit() {
        return inventoryAudit;
    }

    Path ordersAudit() {
        return ordersAudit;
    }

    /** One request with the Fetch client, run with the agent as {@code identity}. */
    FetchResult fetchAs(String identity, String method, String url, String... body) {
        return SampleApps.fetchOnce(SampleApps.withAgent(
                SampleApps.fetch(method, url, body).javaHome(javaHome), server.agentFor(identity)));
    }

    /** The nightly-report job, run with the agent as {@code identity}; its report lines. */
    List<String> runReportAs(String identity) {
        return SampleApps.runReport(SampleApps.withAgent(
                SampleApps.nightlyReport(inventoryUrl(), ordersUrl()).javaHome(javaHome), server.agentFor(identity)));
    }

    @Override
    public void close() {
        if (orders != null) {
            orders.close();
        }
        if (inventory != null) {
            inventory.close();
        }
        server.close();
    }
}
