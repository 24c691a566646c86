package dev.punchline.ice.link;

import java.time.Duration;
import java.util.List;

/**
 * Two simulated peers, A and B, on one virtual clock, joined from the start by a relay path (40 ms one way,
 * issue 4's lab figures) and later, if asked, by a direct path (20 ms one way).
 */
final class SimSession {
    static final Duration RELAY_DELAY = Duration.ofMillis(40);
    static final Duration DIRECT_DELAY = Duration.ofMillis(20);

    final VirtualScheduler clock = new VirtualScheduler();
    final SimPeer a;
    final SimPeer b;
    final SimPath relay;
    SimPath direct;

    SimSession(LinkConfig config) {
        a = new SimPeer("a", clock, config, false);
        b = new SimPeer("b", clock, config, false);
        relay = SimPath.symmetric(clock, "relay", PathKind.RELAY, RELAY_DELAY).join(a.link, b.link);
    }

    SimSession() {
        this(LinkConfig.defaults());
    }

    /** A session already switched to its direct path (one second after both paths appeared). */
    static SimSession onDirect() {
        SimSession s = new SimSession();
        s.addDirect();
        s.clock.runFor(Duration.ofSeconds(1));
        return s;
    }

    SimPath addDirect() {
        direct = SimPath.symmetric(clock, "direct", PathKind.DIRECT, DIRECT_DELAY).join(a.link, b.link);
        return direct;
    }

    /** Both directions as (receiver, sender). */
    List<SimPeer[]> directions() {
        return List.of(new SimPeer[] {a, b}, new SimPeer[] {b, a});
    }

    /** This peer's end of the direct path. */
    LinkPath directOf(SimPeer p) {
        return p == a ? direct.a : direct.b;
    }
}
