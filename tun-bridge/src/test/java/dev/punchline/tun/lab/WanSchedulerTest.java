package dev.punchline.tun.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WanSchedulerTest {

    private static final long MS = 1_000_000;

    private final WanScheduler scheduler = new WanScheduler(new SplittableRandom(1));

    @Test
    void aPlainDelayAddsToTheArrival() {
        WanConditions twenty = WanConditions.delay(Duration.ofMillis(20));

        assertEquals(1_000 * MS + 20 * MS, scheduler.releaseAt(1_000 * MS, twenty));
        assertEquals(1_001 * MS + 20 * MS, scheduler.releaseAt(1_001 * MS, twenty));
    }

    @Test
    void jitterStaysWithinItsBoundsAndNeverReorders() {
        WanConditions jittery = WanConditions.delay(Duration.ofMillis(20)).withJitter(Duration.ofMillis(5));
        long previous = Long.MIN_VALUE;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (long now = 0; now < 10_000 * MS; now += 100_000) {
            long release = scheduler.releaseAt(now, jittery);
            assertTrue(release >= previous, "reordered at " + now);
            assertTrue(release - now <= 25 * MS, "held too long at " + now);
            earliest = Math.min(earliest, release - now);
            latest = Math.max(latest, release - now);
            previous = release;
        }
        assertTrue(earliest >= 15 * MS, "a packet left " + earliest + " ns after it came, under the delay minus jitter "
                + "(possible only when waiting for a predecessor)");
        assertTrue(latest > 24 * MS, "jitter never reached its bound: " + latest);
    }

    @Test
    void lossDropsTheAskedShare() {
        WanConditions lossy = WanConditions.NONE.withLoss(0.01);
        int dropped = 0;
        for (int i = 0; i < 100_000; i++) {
            if (scheduler.releaseAt(i, lossy) == WanScheduler.DROP) {
                dropped++;
            }
        }
        assertTrue(dropped > 850 && dropped < 1150, dropped + " of 100000 dropped");
    }
}
