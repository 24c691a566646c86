package dev.punchline.ice.link;

/**
 * A byte budget refilled at a fixed rate up to a burst: limits what the Link sends before the peer has shown
 * it wants the traffic (no frame from it yet), so a forged session description cannot turn the relay into a
 * flood aimed at a victim. Integer arithmetic in nanosecond-bytes, so nothing drifts and nothing allocates.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long capacity;
    /** Tokens in units of 1/10^9 byte, so that refilling at any rate is exact. */
    private long nanoTokens;
    private long lastRefill;

    TokenBucket(long bytesPerSecond, long burstBytes, long now) {
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = Math.multiplyHigh(burstBytes, NANOS_PER_SECOND) == 0
                ? burstBytes * NANOS_PER_SECOND : Long.MAX_VALUE;
        this.nanoTokens = capacity;
        this.lastRefill = now;
    }

    /** Takes {@code bytes} from the budget if it holds that many; otherwise takes nothing and says no. */
    boolean tryTake(int bytes, long now) {
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            lastRefill = now;
            long room = capacity - nanoTokens;
            // elapsed × rate could overflow after a long idle time; the bucket is full long before that.
            nanoTokens = elapsed >= room / bytesPerSecond ? capacity : nanoTokens + elapsed * bytesPerSecond;
        }
        long cost = bytes * NANOS_PER_SECOND;
        if (cost > nanoTokens) {
            return false;
        }
        nanoTokens -= cost;
        return true;
    }
}
