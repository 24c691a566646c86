package dev.punchline.turn.client;

import dev.punchline.turn.TurnTimings;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for retrying after errors: the n-th consecutive failure waits a random
 * time between half and all of {@code min(cap, base × 2^(n-1))}. The jitter keeps many clients that failed
 * together (a restarted server) from retrying in lockstep. Not thread-safe: used on the client's executor.
 */
final class Backoff {
    private static final long BASE_NANOS = TurnTimings.ERROR_BACKOFF_BASE.toNanos();
    private static final long CAP_NANOS = TurnTimings.ERROR_BACKOFF_CAP.toNanos();

    private int failures;

    /** Records one more failure and returns how long to wait before the next attempt. */
    long nextDelayNanos() {
        failures = Math.min(failures + 1, 31);
        long ceiling = BASE_NANOS << Math.min(failures - 1, 20);
        ceiling = Math.min(ceiling, CAP_NANOS);
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    void reset() {
        failures = 0;
    }
}
