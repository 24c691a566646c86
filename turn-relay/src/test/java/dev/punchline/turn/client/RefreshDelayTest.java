package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshDelayTest {

    @Test
    void halfOfTheLifetimeButAtLeastAMinuteAheadOfItsEnd() {
        assertEquals(Duration.ofSeconds(300), delay(600));
        assertEquals(Duration.ofSeconds(1_800), delay(3_600));
        assertEquals(Duration.ofSeconds(40), delay(100), "60 s before the end, sooner than half");
        assertEquals(Duration.ofSeconds(60), delay(120));
    }

    @Test
    void aQuarterOfTheShortLifetimesTestsUse() {
        assertEquals(Duration.ofMillis(1_500), delay(6));
        assertEquals(Duration.ofSeconds(15), delay(60));
    }

    private static Duration delay(long lifetimeSeconds) {
        return TurnAllocation.refreshDelay(Duration.ofSeconds(lifetimeSeconds));
    }
}
