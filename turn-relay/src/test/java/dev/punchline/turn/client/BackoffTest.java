package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.TurnTimings;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheCapAndStartsOverAfterAReset() {
        long base = TurnTimings.ERROR_BACKOFF_BASE.toNanos();
        long cap = TurnTimings.ERROR_BACKOFF_CAP.toNanos();
        Backoff backoff = new Backoff();
        for (int failure = 1; failure <= 40; failure++) {
            long ceiling = Math.min(cap, base << Math.min(failure - 1, 20));
            long delay = backoff.nextDelayNanos();
            assertTrue(delay >= ceiling / 2 && delay <= ceiling, "failure " + failure + ": " + delay);
        }
        backoff.reset();
        assertTrue(backoff.nextDelayNanos() <= base);
    }
}
