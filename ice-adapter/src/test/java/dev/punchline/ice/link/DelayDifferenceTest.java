package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hold is sized by the largest recent difference: a peak counts for at least half the memory, at most all of it. */
class DelayDifferenceTest {
    private static final long MS = 1_000_000L;
    private static final long MEMORY = 1000 * MS;

    @Test
    void aPeakOutlivesSmallerSamplesForHalfTheMemory() {
        DelayDifference d = new DelayDifference(MEMORY);
        assertEquals(-1, d.estimate(), "unmeasured");
        d.sample(130 * MS, 0);
        for (long t = 1; t < 500; t++) {
            d.sample(20 * MS, t * MS);
        }
        assertEquals(130 * MS, d.estimate());
    }

    @Test
    void aPeakOlderThanTheMemoryIsForgotten() {
        DelayDifference d = new DelayDifference(MEMORY);
        d.sample(130 * MS, 0);
        for (long t = 1; t <= 1000; t++) {
            d.sample(20 * MS, t * MS);
        }
        assertEquals(20 * MS, d.estimate());
    }

    @Test
    void aRiseIsFollowedAtOnceAndForgetStartsOver() {
        DelayDifference d = new DelayDifference(MEMORY);
        d.sample(20 * MS, 0);
        d.sample(90 * MS, MS);
        assertEquals(90 * MS, d.estimate());
        d.forget();
        assertEquals(-1, d.estimate());
        d.sample(-5, 2 * MS);
        assertEquals(-1, d.estimate(), "a negative sample is no measurement");
    }
}
