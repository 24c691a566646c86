package dev.punchline.ice.link;

/**
 * How much later the second copy of a packet sent on two paths arrives than the first: the one-way delay
 * difference between the paths, measured at the receiver, which is what bounds the reorder hold. The estimate
 * is the largest difference measured over the last {@code memory} (at least half of it): a relay's queue fills
 * and drains within tens of milliseconds under load, and a hold sized by the latest sample — taken while the
 * queue was empty — gives up packets that the next fill delays (seen in CI: 100 packets reordered at 5,000
 * packets/s). It follows a rise at once, and forgets a peak only once it is older than the memory.
 *
 * <p>Two buckets of half the memory each hold their largest sample: O(1) per sample, nothing allocated.
 */
final class DelayDifference {
    private final long half;
    private long current = -1;
    private long previous = -1;
    private long currentStartedAt;

    DelayDifference(long memoryNanos) {
        this.half = Math.max(1, memoryNanos / 2);
    }

    void sample(long nanos, long now) {
        if (nanos < 0) {
            return;
        }
        if (current < 0 && previous < 0) {
            currentStartedAt = now;
        } else if (now - currentStartedAt >= half) {
            previous = now - currentStartedAt >= 2 * half ? -1 : current;
            current = -1;
            currentStartedAt = now;
        }
        current = Math.max(current, nanos);
    }

    /** Back to unmeasured: the paths' difference is about to be measured again. */
    void forget() {
        current = -1;
        previous = -1;
    }

    /** The current estimate in nanoseconds, or -1 before the first duplicate over another path. */
    long estimate() {
        return Math.max(current, previous);
    }
}
