package dev.punchline.ice.link;

/**
 * How much later the second copy of a packet sent on two paths arrives than the first: the one-way delay
 * difference between the paths, measured at the receiver, which is what bounds the reorder hold. It follows
 * a rise at once (a hold that is too short reorders) and a fall slowly (gain 1/8), so one fast sample does
 * not shrink the hold below the paths' usual difference.
 */
final class DelayDifference {
    private long estimate = -1;

    void sample(long nanos) {
        if (nanos < 0) {
            return;
        }
        estimate = estimate < 0 || nanos > estimate ? nanos : estimate - (estimate - nanos) / 8;
    }

    /** Back to unmeasured: the paths' difference is about to be measured again. */
    void forget() {
        estimate = -1;
    }

    /** The current estimate in nanoseconds, or -1 before the first duplicate over another path. */
    long estimate() {
        return estimate;
    }
}
