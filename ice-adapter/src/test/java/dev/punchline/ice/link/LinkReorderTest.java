package dev.punchline.ice.link;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour 5 at the Link level: a relay 40 ms away one way and a LAN path 0.2 ms away, so a packet on the LAN
 * overtakes the 200 packets the relay still carries at 5,000 packets/s. The receiver holds what comes early for
 * at most the delay difference, and the application sees neither loss nor reordering — wherever in the stream
 * the fast path appears, and however the relay's delay moves.
 */
class LinkReorderTest {
    private static final Duration RELAY = Duration.ofMillis(40);
    private static final Duration LAN = Duration.ofNanos(200_000);

    @ParameterizedTest(name = "{0} packets/s each way")
    @ValueSource(ints = {50, 5000})
    void theLanPathAppearsMidStream(int rate) {
        SimSession s = new SimSession(LinkConfig.defaults(), RELAY, LAN);
        s.clock.runFor(Duration.ofMillis(300));
        s.a.stream(rate, Duration.ofSeconds(2));
        s.b.stream(rate, Duration.ofSeconds(2));
        s.clock.runFor(Duration.ofMillis(500));
        s.addDirect();
        s.clock.runFor(Duration.ofSeconds(3));

        assertLosslessAndInOrder(s, 2L * rate);
        s.finish();
    }

    /**
     * The LAN path is confirmed within a millisecond, before the first relayed packet has arrived: the first
     * packets the receiver sees come over the LAN, and the earlier ones, still on the relay, must go out first.
     */
    @ParameterizedTest(name = "{0} packets/s each way")
    @ValueSource(ints = {50, 5000})
    void theLanPathOvertakesTheRelayAtTheStartOfTheStream(int rate) {
        SimSession s = new SimSession(LinkConfig.defaults(), RELAY, LAN);
        s.a.stream(rate, Duration.ofSeconds(2));
        s.b.stream(rate, Duration.ofSeconds(2));
        s.clock.runFor(Duration.ofMillis(2));
        s.addDirect();
        s.clock.runFor(Duration.ofSeconds(3));

        assertLosslessAndInOrder(s, 2L * rate);
        for (SimPeer p : List.of(s.a, s.b)) {
            assertTrue(p.link.statistics().paths().stream().mapToLong(PathStats::held).sum() > 0,
                    "packets over the LAN waited for the relay's: " + p);
        }
        s.finish();
    }

    /**
     * The relay's delay grows from 40 to 100 ms while packets go on both paths (a queue building on the relay),
     * then the sender stays on the relay alone for a while, copying nothing (the LAN path suspect and then
     * trusted again): the hold follows the measured difference up, so the relayed packets the LAN overtakes
     * after the switch back are still waited for.
     */
    @Test
    void theHoldFollowsTheDelayDifferenceWhenTheRelaySlowsDown() {
        SimSession s = new SimSession(LinkConfig.defaults(), RELAY, LAN);
        s.clock.runFor(Duration.ofMillis(300));
        s.a.stream(5000, Duration.ofSeconds(6));
        s.clock.runFor(Duration.ofMillis(200));
        s.addDirect();
        s.clock.runFor(Duration.ofMillis(500));
        for (int step = 0; step < 60; step++) {
            s.relay.aToB.delay(RELAY.plusMillis(step + 1));
            s.clock.runFor(Duration.ofMillis(10));
        }
        s.direct.cut(true);
        s.clock.runFor(Duration.ofSeconds(2));
        assertEquals(PathKind.RELAY, s.a.currentKind(), "back on the relay after the cut");
        s.direct.cut(false);
        s.clock.runFor(Duration.ofSeconds(4));

        assertEquals(PathKind.DIRECT, s.a.currentKind());
        assertEquals(0, s.b.reordered, s.b.toString());
        assertEquals(0, s.b.deliveredTwice, s.b.toString());
        assertTrue(s.b.link.statistics().delayDifference().toMillis() >= 90, s.b.toString());
        s.finish();
    }

    /**
     * Seen in a CI run on a loaded machine (100 packets reordered at 5,000 packets/s): the relay's delay jumps
     * between 40 and 150 ms as its queue fills and drains, while a direct path ICE validated carries the data
     * with a copy on the relay (its confirmation slow, as probes are answered late under load). Between two
     * jumps the measured difference falls back to 20 ms; then the relay's delay jumps again just as the
     * direct path loses 20 ms of packets. Their relayed copies come 130 ms after the packets that follow them
     * over the direct path, so the hold must be sized by the largest difference seen lately, not the latest.
     */
    @Test
    void theHoldCoversTheLargestRecentDelayDifferenceWhenTheRelayJitters() {
        LinkConfig slowToConfirm = LinkConfig.builder().confirmReplies(12).build();
        SimSession s = new SimSession(slowToConfirm, RELAY, SimSession.DIRECT_DELAY);
        s.clock.runFor(Duration.ofMillis(300));
        s.a.stream(5000, Duration.ofSeconds(2));
        s.clock.runFor(Duration.ofMillis(200));
        s.addDirect();
        s.direct.iceValidated();
        s.clock.runFor(Duration.ofMillis(30));
        assertEquals(PathKind.DIRECT, s.a.currentKind(), "on the direct path, ICE validated");
        relayDelay(s, Duration.ofMillis(150), Duration.ofMillis(10));
        s.clock.runFor(Duration.ofMillis(260)); // The queue drains; the copies measure 20 ms again.
        s.relay.aToB.delay(Duration.ofMillis(150));
        s.direct.aToB.cut(true);
        s.clock.runFor(Duration.ofMillis(20));
        s.direct.aToB.cut(false);
        s.relay.aToB.delay(RELAY);
        assertNotNull(s.a.link.copyPath(), "still confirming, with a copy on the relay: " + s.a);
        s.clock.runFor(Duration.ofSeconds(3));

        assertEquals(PathKind.DIRECT, s.a.currentKind(), s.a.toString());
        assertEquals(0, s.b.lostFrom(s.a), s.b.toString());
        assertEquals(0, s.b.reordered, s.b.toString());
        assertEquals(0, s.b.link.statistics().givenUp(), s.b.toString());
        s.finish();
    }

    /**
     * Seen in the lab on a loaded machine: the relay's copies came 340 to 420 ms after the direct path's (the
     * relay's queue, one way), while the hold was capped at 200 ms — the packets still on the relay at the switch
     * were given up and then delivered out of order. The hold covers such a difference, measured or not yet.
     */
    @Test
    void theHoldCoversARelayFourHundredMillisecondsSlowerThanTheDirectPath() {
        SimSession s = new SimSession();
        s.clock.runFor(Duration.ofMillis(300));
        s.a.stream(5000, Duration.ofSeconds(3));
        s.clock.runFor(Duration.ofMillis(200));
        s.relay.aToB.delay(Duration.ofMillis(420));
        s.clock.runFor(Duration.ofMillis(500));
        s.addDirect();
        s.direct.iceValidated();
        s.clock.runFor(Duration.ofSeconds(4));

        assertEquals(PathKind.DIRECT, s.a.currentKind(), s.a.toString());
        assertEquals(0, s.b.lostFrom(s.a), s.b.toString());
        assertEquals(0, s.b.reordered, s.b.toString());
        assertEquals(0, s.b.link.statistics().givenUp(), s.b.toString());
        s.finish();
    }

    private static void relayDelay(SimSession s, Duration delay, Duration during) {
        s.relay.aToB.delay(delay);
        s.clock.runFor(during);
        s.relay.aToB.delay(RELAY);
    }

    private static void assertLosslessAndInOrder(SimSession s, long sent) {
        s.assertDeliveredOnceInOrder(sent);
        for (SimPeer receiver : List.of(s.a, s.b)) {
            assertEquals(PathKind.DIRECT, receiver.currentKind(), receiver.toString());
            assertEquals(0, receiver.link.statistics().givenUp(), receiver.toString());
        }
    }
}
