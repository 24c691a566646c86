package dev.punchline.ice.link;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour 1 at the Link level: a session that starts on the relay (40 ms one way) moves to a direct path
 * (20 ms one way) found later, and neither direction loses, duplicates or reorders a packet.
 */
class LinkSwitchTest {

    @ParameterizedTest(name = "{0} packets/s each way")
    @ValueSource(ints = {50, 5000})
    void relayToDirectLosesAndReordersNothing(int rate) {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.a.stream(rate, Duration.ofSeconds(3));
        s.b.stream(rate, Duration.ofSeconds(3));
        s.clock.runFor(ms(500));
        s.addDirect();
        s.clock.runFor(Duration.ofSeconds(4));

        for (SimPeer[] pair : s.directions()) {
            SimPeer receiver = pair[0];
            SimPeer sender = pair[1];
            assertEquals(3L * rate, sender.sent, receiver.name);
            assertEquals(0, receiver.lostFrom(sender), receiver.toString());
            assertEquals(0, receiver.reordered, receiver.toString());
            assertEquals(0, receiver.deliveredTwice, receiver.toString());
            assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), receiver.changeKinds(), receiver.toString());
            assertEquals(PathKind.DIRECT, receiver.currentKind());
            PathStats directStats = receiver.stats(s.directOf(receiver));
            assertEquals(PathState.TRUSTED, directStats.state());
            LinkStats stats = receiver.link.statistics();
            assertTrue(stats.paths().stream().mapToLong(PathStats::duplicates).sum() > 0,
                    "the switch was made on copies: " + receiver);
            assertEquals(20, stats.delayDifference().toMillis(), "measured from the copies: " + receiver);
            assertEquals(0, stats.givenUp(), receiver.toString());
        }
        s.finish();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
