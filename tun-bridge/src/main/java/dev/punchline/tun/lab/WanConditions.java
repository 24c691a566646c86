package dev.punchline.tun.lab;

import java.time.Duration;

/**
 * What the internet does to every packet crossing it between two attachments (sites and public hosts): hold it for
 * {@code delay} plus or minus up to {@code jitter} (uniformly), or drop it with probability {@code loss}. The delay
 * is one way, so a round trip costs twice. Packets are never reordered: one that drew a shorter delay than its
 * predecessor waits for it, as on a real link's queue.
 */
public record WanConditions(Duration delay, Duration jitter, double loss) {

    /** A perfect internet: no delay, no loss. */
    public static final WanConditions NONE = new WanConditions(Duration.ZERO, Duration.ZERO, 0);

    public WanConditions {
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter cannot be negative: " + delay + ", " + jitter);
        }
        if (jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter " + jitter + " exceeds the delay " + delay);
        }
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss is a probability between 0 and 1, got " + loss);
        }
    }

    public static WanConditions delay(Duration delay) {
        return new WanConditions(delay, Duration.ZERO, 0);
    }

    public WanConditions withJitter(Duration jitter) {
        return new WanConditions(delay, jitter, loss);
    }

    public WanConditions withLoss(double loss) {
        return new WanConditions(delay, jitter, loss);
    }
}
