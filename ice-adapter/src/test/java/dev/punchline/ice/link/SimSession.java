package dev.punchline.ice.link;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    private final Duration directDelay;
    SimPath direct;

    SimSession(LinkConfig config, Duration relayDelay, Duration directDelay) {
        a = new SimPeer("a", clock, config, false);
        b = new SimPeer("b", clock, config, false);
        relay = SimPath.symmetric(clock, "relay", PathKind.RELAY, relayDelay).join(a.link, b.link);
        this.directDelay = directDelay;
    }

    SimSession() {
        this(LinkConfig.defaults(), RELAY_DELAY, DIRECT_DELAY);
    }

    /** A session already switched to its direct path (one second after both paths appeared). */
    static SimSession onDirect() {
        SimSession s = new SimSession();
        s.addDirect();
        s.clock.runFor(Duration.ofSeconds(1));
        return s;
    }

    SimPath addDirect() {
        direct = SimPath.symmetric(clock, "direct", PathKind.DIRECT, directDelay).join(a.link, b.link);
        return direct;
    }

    /** Both peers stream numbered packets, {@code rate} a second each, for {@code duration}, starting now. */
    void streamBothWays(int rate, Duration duration) {
        a.stream(rate, duration);
        b.stream(rate, duration);
    }

    /** Each side received all {@code sent} packets of the other exactly once and in order. */
    void assertDeliveredOnceInOrder(long sent) {
        for (SimPeer[] pair : directions()) {
            SimPeer receiver = pair[0];
            SimPeer sender = pair[1];
            assertEquals(sent, sender.sent, sender.name);
            assertEquals(0, receiver.lostFrom(sender), receiver.toString());
            assertEquals(0, receiver.reordered, receiver.toString());
            assertEquals(0, receiver.deliveredTwice, receiver.toString());
        }
    }

    /** {@link #assertDeliveredOnceInOrder}, and each side's data went first on the relay, then direct. */
    void assertDeliveredOnceInOrderRelayThenDirect(long sent) {
        assertDeliveredOnceInOrder(sent);
        for (SimPeer p : List.of(a, b)) {
            assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), p.changeKinds(), p.toString());
        }
    }

    /** Closes both Links and lets everything still on a wire arrive (and be released by the closed Link). */
    void finish() {
        a.link.close();
        b.link.close();
        clock.runFor(Duration.ofSeconds(1));
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
