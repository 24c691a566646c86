package dev.punchline.tun.lab;

import java.util.SplittableRandom;

/**
 * The WAN emulator's decisions, one packet at a time in arrival order: drop it, or release it at a time that adds
 * the delay and jitter without ever overtaking the packet before it. Not thread-safe: the emulator's reader alone
 * calls it.
 */
final class WanScheduler {

    /** {@link #releaseAt}'s answer for a packet to drop. */
    static final long DROP = Long.MIN_VALUE;

    private final SplittableRandom random;
    private long lastRelease = Long.MIN_VALUE;

    WanScheduler(SplittableRandom random) {
        this.random = random;
    }

    /** When a packet arriving at {@code now} (nanoseconds, {@link System#nanoTime}'s scale) leaves, or {@link #DROP}. */
    long releaseAt(long now, WanConditions conditions) {
        if (conditions.loss() > 0 && random.nextDouble() < conditions.loss()) {
            return DROP;
        }
        long delay = conditions.delay().toNanos();
        long jitter = conditions.jitter().toNanos();
        if (jitter > 0) {
            delay += random.nextLong(-jitter, jitter + 1);
        }
        long release = now + delay;
        if (lastRelease != Long.MIN_VALUE && release - lastRelease < 0) {
            release = lastRelease;
        }
        lastRelease = release;
        return release;
    }
}
