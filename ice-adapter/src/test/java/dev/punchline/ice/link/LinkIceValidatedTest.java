package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A direct path that ICE validated (a connectivity check succeeded on its 5-tuple) carries the data at once, before
 * the Link's own probes have confirmed it, with a copy of every packet on the relay until they do — so the switch
 * comes a couple of round trips sooner and still loses nothing, even when the path never confirms.
 */
class LinkIceValidatedTest {

    @ParameterizedTest(name = "{0} packets/s each way")
    @ValueSource(ints = {50, 5000})
    void carriesTheDataAtOnceWithACopyOnTheRelayUntilConfirmed(int rate) {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.streamBothWays(rate, Duration.ofSeconds(3));
        s.clock.runFor(ms(500));
        s.addDirect();
        s.direct.iceValidated();
        assertEquals(PathKind.RELAY, s.a.currentKind(), "the peer not heard on the path yet");
        s.clock.runFor(ms(25)); // The peer's first probe over the direct path (20 ms one way).

        for (SimPeer p : List.of(s.a, s.b)) {
            assertEquals(PathKind.DIRECT, p.currentKind(), "on the direct path once ICE validated it and the peer "
                    + "was heard on it: " + p);
            assertEquals(PathKind.RELAY, p.link.copyPath().kind(), "a copy on the relay while confirming: " + p);
            assertEquals(PathState.PROBING, p.stats(s.directOf(p)).state());
        }
        // Two probe round trips on the direct path (40 ms each) confirm it; the copies then stop.
        s.clock.runFor(ms(120));
        for (SimPeer p : List.of(s.a, s.b)) {
            assertEquals(PathState.TRUSTED, p.stats(s.directOf(p)).state(), p.toString());
            assertNull(p.link.copyPath(), "no copy once confirmed: " + p);
        }
        s.clock.runFor(Duration.ofSeconds(3));

        s.assertDeliveredOnceInOrderRelayThenDirect(3L * rate);
        for (SimPeer p : List.of(s.a, s.b)) {
            assertTrue(p.changes.get(1).reason().contains("ICE check"), p.changes.toString());
        }
        s.finish();
    }

    /**
     * A stream that started on the relay a moment before ICE validated the direct path: the packets that go
     * direct overtake the first ones, still on the relay, at a receiver that has delivered nothing yet. It holds
     * them until the first ones arrive.
     */
    @Test
    void packetsThatOvertakeTheFirstOnesOnTheRelayWaitForThem() {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.streamBothWays(5000, Duration.ofSeconds(1));
        s.clock.runFor(ms(1));
        s.addDirect();
        s.direct.iceValidated();
        s.clock.runFor(ms(25));
        assertEquals(PathKind.DIRECT, s.a.currentKind());
        s.clock.runFor(Duration.ofSeconds(2));

        s.assertDeliveredOnceInOrderRelayThenDirect(5000);
        s.finish();
    }

    /**
     * Seen in the lab: ICE validated the path on A's side long before B's side added it (B's own check came
     * later), and what A sent on it meanwhile was dropped at B as coming from no path of B's. A leads on the path
     * only once B is heard on it; until then the relay carries the data, and nothing is reordered.
     */
    @Test
    void thePathLeadsOnlyOnceThePeerHasItToo() {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.direct = SimPath.symmetric(s.clock, "direct", PathKind.DIRECT, SimSession.DIRECT_DELAY).joinA(s.a.link);
        s.direct.handleA.iceValidated();
        s.clock.runFor(ms(100));
        assertEquals(PathKind.RELAY, s.a.currentKind(), "B has not added the path yet");
        s.streamBothWays(100, Duration.ofSeconds(2));
        s.clock.runFor(ms(25));
        s.direct.joinB(s.b.link);
        s.direct.handleB.iceValidated();
        s.clock.runFor(Duration.ofSeconds(3));

        s.assertDeliveredOnceInOrderRelayThenDirect(200);
        s.finish();
    }

    /** Without ICE's word the Link waits for its own two replies: the switch comes a round trip or two later. */
    @Test
    void withoutItTheSwitchWaitsForTheLinksOwnConfirmation() {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.addDirect();
        s.clock.runFor(ms(60));
        assertEquals(PathKind.RELAY, s.a.currentKind(), "one probe round trip is not enough: " + s.a);
        s.clock.runFor(ms(60));
        assertEquals(PathKind.DIRECT, s.a.currentKind());
        s.finish();
    }

    /**
     * The check passed, then the path broke (or the peer's side never takes it): the data went direct and lost
     * nothing, since the relay carried a copy of every packet; once the path is given up, the relay carries on alone.
     */
    @Test
    void aValidatedPathThatNeverConfirmsLosesNothing() {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.streamBothWays(50, Duration.ofSeconds(4));
        s.clock.runFor(ms(200));
        s.addDirect().aToB.cut(true); // B is heard on it, but nothing of A's gets through.
        s.direct.iceValidated();
        s.clock.runFor(ms(25));
        assertEquals(PathKind.DIRECT, s.a.currentKind());
        s.clock.runFor(Duration.ofSeconds(5));

        for (SimPeer[] pair : s.directions()) {
            SimPeer receiver = pair[0];
            SimPeer sender = pair[1];
            assertEquals(0, receiver.lostFrom(sender), receiver.toString());
            assertEquals(0, receiver.reordered, receiver.toString());
        }
        assertEquals(PathKind.RELAY, s.a.currentKind(), s.a.toString());
        assertEquals(PathState.DEAD, s.a.stats(s.directOf(s.a)).state(), s.a.toString());
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT, PathKind.RELAY), s.a.changeKinds(), s.a.toString());
        s.finish();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
