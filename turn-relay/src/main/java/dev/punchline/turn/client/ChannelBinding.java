package dev.punchline.turn.client;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One channel (RFC 8656 §12) from the client's side. The number stays reserved for this peer for the
 * allocation's whole life, so a binding that lapsed is renewed with the same number, which the server
 * must accept (a number may not move to another peer for 5 minutes after it expires).
 */
final class ChannelBinding extends Lease {
    final InetSocketAddress peer;
    final int number;
    /** Until when the data path does not ask for a bind again, after a failed one. */
    volatile long retryNotBefore = longAgo();
    /** The data path asked for a bind that has not finished: one request, not one per packet. */
    final AtomicBoolean requested = new AtomicBoolean();
    /** Executor-confined, as is {@link #inFlight}. */
    final Backoff failures = new Backoff();
    CompletableFuture<Integer> inFlight;

    ChannelBinding(InetSocketAddress peer, int number) {
        this.peer = peer;
        this.number = number;
    }

    boolean mayRetryAt(long now) {
        return retryNotBefore - now <= 0;
    }
}
