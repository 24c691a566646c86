package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Liveness under load (issue 4: "it never declares a path dead on one lost probe"): a relay whose probes come
 * back late — queued behind a 5,000 packets/s stream, or simply far away — still carries the data from the first
 * packet, is confirmed, and is never declared dead for the lateness.
 */
class LinkQueueingTest {

    /** Probes go every 50 ms while a path is confirmed, so a 500 ms round trip has ten in flight at once. */
    @Test
    void aRelayWithAHalfSecondRoundTripIsConfirmedAndNeverDeclaredDead() {
        SimSession s = new SimSession(LinkConfig.defaults(), Duration.ofMillis(250), SimSession.DIRECT_DELAY);
        s.a.stream(5000, Duration.ofSeconds(3));
        s.b.stream(5000, Duration.ofSeconds(3));
        Set<PathState> seen = EnumSet.noneOf(PathState.class);
        for (int i = 0; i < 400; i++) {
            s.clock.runFor(Duration.ofMillis(10));
            for (SimPeer p : List.of(s.a, s.b)) {
                seen.add(p.link.statistics().paths().get(0).state());
            }
        }

        assertFalse(seen.contains(PathState.DEAD), "states seen: " + seen + "; " + s.a + "; " + s.b);
        for (SimPeer[] pair : s.directions()) {
            SimPeer receiver = pair[0];
            assertEquals(0, receiver.lostFrom(pair[1]), receiver.toString());
            assertEquals(0, receiver.reordered, receiver.toString());
            assertEquals(List.of(PathKind.RELAY), receiver.changeKinds(), receiver.toString());
            assertEquals(PathState.TRUSTED, receiver.link.statistics().paths().get(0).state(), receiver.toString());
        }
        s.finish();
    }
}
