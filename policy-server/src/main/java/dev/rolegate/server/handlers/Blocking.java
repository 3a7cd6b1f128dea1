package dev.rolegate.server.handlers;

import dev.rolegate.server.http.Exchange;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs a handler's disk work off the event loop; a full executor answers 503, a failure 500. */
final class Blocking {
    /** Work that may throw; its exchange must be answered by it. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private Blocking() {
    }

    static void run(Executor executor, Exchange exchange, Work work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (Exception | LinkageError e) {
                    exchange.fail(e);
                }
            });
        } catch (RejectedExecutionException e) {
            ClientErrors.asyncFailure(exchange, e);
        }
    }
}
