package dev.punchline.ice.link;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flapping guard (iroh #2169 downgraded a path on one lost pong): single lost probes and replies, in
 * either direction, idle or under traffic, never move the data and never even make the path suspect.
 */
class LinkFlappingTest {

    @ParameterizedTest(name = "{0} packets/s")
    @ValueSource(ints = {0, 50, 5000})
    void singleLostProbesAndRepliesChangeNothing(int rate) {
        SimSession session = SimSession.onDirect();
        VirtualScheduler clock = session.clock;
        SimPeer a = session.a;
        SimPeer b = session.b;
        SimPath direct = session.direct;
        if (rate > 0) {
            a.stream(rate, Duration.ofSeconds(20));
            b.stream(rate, Duration.ofSeconds(20));
        }
        List<PathChange> before = List.copyOf(a.changes);
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), a.changeKinds());

        int losses = 0;
        for (SimWire wire : List.of(direct.aToB, direct.bToA)) {
            for (int type : new int[] {LinkFrame.TYPE_PROBE, LinkFrame.TYPE_PROBE_REPLY}) {
                // Different phases against the heartbeat and the tick, a few seconds apart.
                for (int offset : new int[] {0, 37, 113}) {
                    clock.runFor(Duration.ofMillis(2000 + offset));
                    wire.dropNext(SimWire.ofType(type));
                    losses++;
                }
            }
        }
        clock.runFor(Duration.ofSeconds(3));

        assertEquals(before, a.changes, "no path event on a");
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), b.changeKinds(), "no path event on b");
        assertEquals(losses, direct.aToB.dropped + direct.bToA.dropped);
        for (SimPeer p : List.of(a, b)) {
            PathStats s = p.stats(session.directOf(p));
            assertEquals(PathState.TRUSTED, s.state());
            assertTrue(s.reason().startsWith("confirmed"), "never left TRUSTED since it was confirmed: " + s);
        }
        assertTrue(a.stats(direct.a).probesMissed() > 0, "the losses did cost probes");
        if (rate > 0) {
            assertEquals(0, a.lostFrom(b));
            assertEquals(0, b.lostFrom(a));
        }
        session.finish();
    }
}
