package dev.rolegate.server.http;

/**
 * Handles one route. Runs on the connection's event loop: anything that blocks (PBKDF2, disk) must
 * move to the blocking executor and answer from there. Exactly one answer per exchange.
 */
@FunctionalInterface
public interface Handler {
    void handle(Exchange exchange) throws Exception;
}
