package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two direct paths whose RTTs (40 and 43 ms) differ by less than the switching margin: each side stays on
 * the one it trusted first, and one lost probe is enough to make that a different one on each side. The
 * ICE-controlled side following the controlling side's choice ({@link Link.Builder#followPeer}) settles it.
 */
class LinkAgreementTest {

    @Test
    void withoutFollowingTheSidesCanSplitAcrossTwoEqualDirectPaths() {
        Session s = new Session(false);
        assertEquals("a-d2", s.aPath);
        assertEquals("b-d1", s.bPath);
    }

    @Test
    void theControlledSideFollowsTheControllingSidesChoice() {
        Session s = new Session(true);
        assertEquals("a-d2", s.aPath);
        assertEquals("b-d2", s.bPath);
        assertEquals("b-d2 is the peer's choice", s.b.changes.get(s.b.changes.size() - 1).reason());
    }

    /** A controlling, B controlled; d1's first probe from A is lost, so A trusts d2 first and B d1. */
    private static final class Session {
        final SimPeer a;
        final SimPeer b;
        final String aPath;
        final String bPath;

        Session(boolean bFollows) {
            VirtualScheduler clock = new VirtualScheduler();
            a = new SimPeer("a", clock, LinkConfig.defaults(), false);
            b = new SimPeer("b", clock, LinkConfig.defaults(), bFollows);
            SimPath.symmetric(clock, "relay", PathKind.RELAY, SimSession.RELAY_DELAY).join(a.link, b.link);
            SimPath d1 = SimPath.symmetric(clock, "d1", PathKind.DIRECT, Duration.ofMillis(20));
            d1.aToB.dropNext(SimWire.ofType(LinkFrame.TYPE_PROBE));
            d1.join(a.link, b.link);
            SimPath.symmetric(clock, "d2", PathKind.DIRECT, Duration.ofNanos(21_500_000)).join(a.link, b.link);
            clock.runFor(Duration.ofSeconds(5));
            aPath = a.link.currentPath().id();
            bPath = b.link.currentPath().id();
            a.link.close();
            b.link.close();
            clock.runFor(Duration.ofSeconds(1));
        }
    }
}
