package dev.rolegate.server.handlers;

import dev.rolegate.server.http.Exchange;
import dev.rolegate.server.policy.PolicyRevision;
import io.netty.channel.ChannelFutureListener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Long polls of {@code GET /v1/policy?wait=N}: held requests, answered the moment a newer revision
 * is activated (a listener on the policy store, no polling), or with 304 when their wait ends.
 *
 * <p>No thread per watcher: a watch is the exchange plus a timeout scheduled on its connection's
 * event loop. A watch whose client disconnects is dropped at once.
 */
public final class PolicyWatchers {
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Supplier<PolicyRevision> current;
    private final BiConsumer<Exchange, PolicyRevision> answerChanged;
    private final BiConsumer<Exchange, PolicyRevision> answerUnchanged;

    private static final class Watch {
        final Exchange exchange;
        final long knownRevision;
        volatile ScheduledFuture<?> timeout;
        volatile ChannelFutureListener onClose;

        Watch(Exchange exchange, long knownRevision) {
            this.exchange = exchange;
            this.knownRevision = knownRevision;
        }
    }

    /**
     * @param answerChanged   answers with the given (newer) revision
     * @param answerUnchanged answers 304 for the given (current) revision
     */
    public PolicyWatchers(Supplier<PolicyRevision> current, BiConsumer<Exchange, PolicyRevision> answerChanged,
                          BiConsumer<Exchange, PolicyRevision> answerUnchanged) {
        this.current = current;
        this.answerChanged = answerChanged;
        this.answerUnchanged = answerUnchanged;
    }

    /** Holds {@code exchange} until a revision other than {@code knownRevision} is active, at most {@code waitMillis}. */
    public void watch(Exchange exchange, long knownRevision, long waitMillis) {
        Watch w = new Watch(exchange, knownRevision);
        // Registered before the re-check below, so a revision activated in between is never missed.
        watches.add(w);
        w.timeout = exchange.context().executor().schedule(() -> finish(w, null), waitMillis, TimeUnit.MILLISECONDS);
        w.onClose = f -> {
            if (watches.remove(w)) {
                cancel(w);
            }
        };
        exchange.context().channel().closeFuture().addListener(w.onClose);
        PolicyRevision now = current.get();
        if (now.revision() != knownRevision) {
            finish(w, now);
        }
    }

    /** Policy store listener: releases every watch that waits for something newer. */
    public void onRevision(PolicyRevision revision) {
        for (Watch w : watches) {
            if (w.knownRevision != revision.revision()) {
                finish(w, revision);
            }
        }
    }

    /** Number of held requests, for metrics. */
    public int size() {
        return watches.size();
    }

    private void finish(Watch w, PolicyRevision newer) {
        if (!watches.remove(w)) {
            return; // answered already, timed out, or the client left
        }
        cancel(w);
        // On timeout, look again: a revision may be active whose notification has not arrived yet.
        PolicyRevision answer = newer != null ? newer : current.get();
        if (answer.revision() != w.knownRevision) {
            answerChanged.accept(w.exchange, answer);
        } else {
            answerUnchanged.accept(w.exchange, answer);
        }
    }

    private static void cancel(Watch w) {
        ScheduledFuture<?> t = w.timeout;
        if (t != null) {
            t.cancel(false);
        }
        // An agent re-polls on the same keep-alive connection for days: do not pile up listeners on it.
        ChannelFutureListener l = w.onClose;
        if (l != null) {
            w.exchange.context().channel().closeFuture().removeListener(l);
        }
    }
}
