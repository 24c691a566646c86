package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receiving side of a Link under the loads issue 4 sizes it for. */
class LinkReceiverTest {

    /**
     * 100,000 packets/s sent on two paths whose one-way delays differ by 100 ms (10 and 110 ms): every packet
     * arrives twice, the slow copy 10,000 sequence numbers behind; each is delivered once, in order, and no
     * copy is mistaken for a new packet or refused as out of window.
     */
    @Test
    void dedupeAtAHundredThousandPacketsPerSecondWithAHundredMillisecondsBetweenThePaths() {
        // The direct path never finishes confirming, so every packet goes on both paths for the whole run.
        LinkConfig config = LinkConfig.builder().confirmReplies(Integer.MAX_VALUE).build();
        SimSession s = new SimSession(config, Duration.ofMillis(110), Duration.ofMillis(10));
        VirtualScheduler clock = s.clock;
        SimPeer a = s.a;
        SimPeer b = s.b;
        SimPath direct = s.addDirect();
        clock.runFor(Duration.ofMillis(500));
        assertEquals(direct.a, a.link.copyPath());

        int packets = 100_000;
        a.stream(packets, Duration.ofSeconds(1));
        clock.runFor(Duration.ofSeconds(2));

        assertEquals(packets, a.sent);
        assertEquals(packets, b.received, b.toString());
        assertEquals(0, b.deliveredTwice);
        assertEquals(0, b.reordered);
        LinkStats stats = b.link.statistics();
        assertEquals(packets, stats.paths().stream().mapToLong(PathStats::duplicates).sum(), "every copy dropped");
        assertEquals(0, stats.paths().stream().mapToLong(PathStats::outOfWindow).sum(), "no copy refused");
        assertEquals(0, stats.givenUp());
        assertEquals(100, stats.delayDifference().toMillis());
        s.finish();
    }

    /**
     * An outage longer than the receive window holds (300 ms at 100,000 packets/s is 30,000 sequence numbers,
     * the window 16,384): when packets flow again they are far ahead of the window, and the receiver moves the
     * window to them after a few — the loss stays the outage, it does not become a stall.
     */
    @Test
    void afterAnOutageWiderThanTheWindowTheStreamResumes() {
        SimSession s = new SimSession();
        s.clock.runFor(Duration.ofMillis(300));
        s.a.stream(100_000, Duration.ofSeconds(1));
        s.clock.runFor(Duration.ofMillis(300));
        s.relay.cut(true);
        s.clock.runFor(Duration.ofMillis(300));
        s.relay.cut(false);
        s.clock.runFor(Duration.ofSeconds(1));

        long lostOnTheWire = s.relay.aToB.droppedData;
        assertTrue(lostOnTheWire > 16_384, "the outage outlasted the window: " + lostOnTheWire);
        assertEquals(1, s.b.link.statistics().resyncs());
        long lost = s.b.lostFrom(s.a);
        assertEquals(lostOnTheWire + LinkConfig.DEFAULT_RESYNC_AFTER - 1, lost, "the outage, and the frames that voted");
        assertEquals(0, s.b.reordered);
        s.finish();
    }

    /**
     * A packet lost during a switch is a loss, not a stall: the packets behind it that came early over the
     * direct path wait at most the hold (the paths' delay difference plus a margin), then go out in order.
     */
    @Test
    void aPacketLostDuringTheSwitchIsGivenUpWhenTheHoldEnds() {
        SimSession s = new SimSession();
        s.clock.runFor(Duration.ofMillis(300));
        s.a.stream(5000, Duration.ofSeconds(2));
        s.clock.runFor(Duration.ofMillis(500));
        s.addDirect();
        // The first reply on the direct path comes one direct RTT (40 ms) after it was added, and starts the
        // copies; the relay's copy of a packet sent just before is the last one that only the relay carries.
        s.clock.runFor(Duration.ofMillis(39));
        s.relay.aToB.dropNext(SimWire.ofType(LinkFrame.TYPE_DATA));
        s.clock.runFor(Duration.ofSeconds(3));

        assertEquals(1, s.relay.aToB.dropped);
        assertEquals(1, s.b.lostFrom(s.a), s.b.toString());
        assertEquals(0, s.b.reordered, s.b.toString());
        LinkStats stats = s.b.link.statistics();
        assertEquals(1, stats.givenUp());
        long releasedLate = stats.paths().stream().mapToLong(PathStats::releasedLate).sum();
        assertTrue(releasedLate > 0, "the early packets went out when the hold ended: " + stats);
        assertNotNull(stats.hold());
        assertTrue(s.b.longestSilence <= stats.hold().toNanos(),
                "nothing waited longer than the hold: " + s.b.longestSilence / 1e6 + " ms");
        s.finish();
    }
}
