package dev.rolegate.agent.runtime.policy;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: 0.5 s doubling up to 10 s, each delay randomised by +-20 %. */
final class Backoff {
    static final long INITIAL_MILLIS = 500;
    static final long MAX_MILLIS = 10_000;
    private long next = INITIAL_MILLIS;

    /** The delay before the next attempt; grows with each call. */
    long nextDelayMillis() {
        long base = next;
        next = Math.min(MAX_MILLIS, next * 2);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, (long) (base * jitter));
    }

    void reset() {
        next = INITIAL_MILLIS;
    }
}
