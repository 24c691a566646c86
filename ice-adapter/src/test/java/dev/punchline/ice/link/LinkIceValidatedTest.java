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

        for (SimPeer p : List.of(s.a, s.b)) {
            assertEquals(PathKind.DIRECT, p.currentKind(), "on the direct path as soon as ICE validated it: " + p);
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
     * A stream that started on the relay a moment before ICE validated the direct path: until the peer has
     * echoed some of it, the data stays on the relay — a packet over the faster path would reach a receiver that
     * has seen nothing yet and be delivered before the first ones, still on the relay.
     */
    @Test
    void theDirectPathLeadsOnlyOnceThePeerHasHeardTheStream() {
        SimSession s = new SimSession();
        s.clock.runFor(ms(300));
        s.streamBothWays(5000, Duration.ofSeconds(1));
        s.clock.runFor(ms(1));
        s.addDirect();
        s.direct.iceValidated();
        assertEquals(PathKind.RELAY, s.a.currentKind(), "nothing of the stream acknowledged yet");
        s.clock.runFor(ms(100)); // A relay round trip (80 ms) brings the first echo.
        assertEquals(PathKind.DIRECT, s.a.currentKind());
        s.clock.runFor(Duration.ofSeconds(2));

        s.assertDeliveredOnceInOrderRelayThenDirect(5000);
        s.finish();
    }

    /**
     * Seen with coturn in the lab: the direct path led before the stream started, then the relay was confirmed
     * while nothing of the stream was echoed yet. The data stays on the direct path; moving it back to the relay
     * until the first echo reordered 7 packets at the receiver.
     */
    @Test
    void aValidatedPathThatLeadsKeepsTheDataWhenTheRelayIsConfirmedFirst() {
        SimSession s = new SimSession();
        s.addDirect();
        s.direct.aToB.cut(true); // A's probes get no reply for a while: only ICE vouches for the path.
        s.direct.iceValidated();
        s.clock.runFor(ms(100));
        s.streamBothWays(50, Duration.ofSeconds(2));
        assertEquals(PathState.PROBING, s.a.stats(s.relay.a).state());
        s.clock.runFor(ms(50)); // The relay's second reply (80 ms round trips) comes before any echo of the stream.
        assertEquals(PathState.TRUSTED, s.a.stats(s.relay.a).state(), "the relay confirmed first");
        assertEquals(PathKind.DIRECT, s.a.currentKind(), s.a.toString());
        s.direct.aToB.cut(false);
        s.clock.runFor(Duration.ofSeconds(3));

        s.assertDeliveredOnceInOrderRelayThenDirect(100);
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
        s.addDirect().cut(true);
        s.direct.iceValidated();
        assertEquals(PathKind.DIRECT, s.a.currentKind());
        s.clock.runFor(Duration.ofSeconds(5));

        for (SimPeer[] pair : s.directions()) {
            SimPeer receiver = pair[0];
            SimPeer sender = pair[1];
            assertEquals(0, receiver.lostFrom(sender), receiver.toString());
            assertEquals(0, receiver.reordered, receiver.toString());
            assertEquals(PathKind.RELAY, receiver.currentKind(), receiver.toString());
            assertEquals(PathState.DEAD, receiver.stats(s.directOf(receiver)).state(), receiver.toString());
            assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT, PathKind.RELAY), receiver.changeKinds(),
                    receiver.toString());
        }
        s.finish();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
