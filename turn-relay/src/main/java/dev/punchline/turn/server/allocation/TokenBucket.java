package dev.punchline.turn.server.allocation;

import dev.punchline.turn.TurnTimings;

/**
 * A bandwidth cap for one direction of one allocation. Confined to the allocation's event loop, so it needs no
 * synchronisation; it reads the clock only when a cap is configured.
 */
final class TokenBucket {

    private final double bytesPerNano;
    private final double capacity;
    private double tokens;
    private long last;

    /** @param bitsPerSecond the cap, more than 0 */
    TokenBucket(long bitsPerSecond, long now) {
        this.bytesPerNano = bitsPerSecond / 8e9;
        this.capacity = Math.max(bitsPerSecond / 8.0 * TurnTimings.BANDWIDTH_BURST.toNanos() / 1e9, MIN_BURST_BYTES);
        this.tokens = capacity;
        this.last = now;
    }

    /** Enough for one jumbo UDP datagram, so a low cap still lets every packet size through eventually. */
    private static final double MIN_BURST_BYTES = 65_536;

    boolean tryTake(int bytes, long now) {
        tokens = Math.min(capacity, tokens + (now - last) * bytesPerNano);
        last = now;
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
