package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(1000, 500, 0);
        assertTrue(bucket.tryTake(500, 0));
        assertFalse(bucket.tryTake(1, 0));
        assertFalse(bucket.tryTake(100, SECOND / 10 - 1));
        assertTrue(bucket.tryTake(100, SECOND / 10));
        assertFalse(bucket.tryTake(1, SECOND / 10));
    }

    @Test
    void neverHoldsMoreThanTheBurstEvenAfterYears() {
        TokenBucket bucket = new TokenBucket(1000, 500, 0);
        long years = 100L * 365 * 24 * 3600 * SECOND;
        assertFalse(bucket.tryTake(501, years));
        assertTrue(bucket.tryTake(500, years));
    }

    @Test
    void aRefusedTakeCostsNothing() {
        TokenBucket bucket = new TokenBucket(1000, 500, 0);
        assertFalse(bucket.tryTake(600, 0));
        assertTrue(bucket.tryTake(500, 0));
    }
}
