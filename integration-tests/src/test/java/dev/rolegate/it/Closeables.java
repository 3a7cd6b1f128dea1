package dev.rolegate.it;

/** Stops what a test started, all of it, even when one of them fails to stop. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes every non-null argument in order. A failure does not stop the others from being closed
     * (no child process may outlive its test); the first one is thrown afterwards, the rest attached
     * to it as suppressed.
     */
    public static void closeAll(AutoCloseable... closeables) {
        IllegalStateException failure = null;
        for (AutoCloseable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop " + closeable, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
