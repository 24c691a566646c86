package dev.punchline.ice.link;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour 3 at the Link level, with default settings: the direct path (20 ms one way) is cut both ways or
 * one way only while both sides stream; traffic is back on the relay (40 ms) within one second, nothing is
 * lost beyond that second, both sides agree on the relay; once the cut is mended both go back to direct,
 * losing nothing on the way.
 */
class LinkFallbackTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    enum Cut { BOTH_WAYS, A_TO_B, B_TO_A }

    static Stream<Arguments> cuts() {
        return Stream.of(Cut.values()).flatMap(c -> Stream.of(Arguments.of(c, 50), Arguments.of(c, 5000)));
    }

    @ParameterizedTest(name = "{0} at {1} packets/s")
    @MethodSource("cuts")
    void backOnTheRelayWithinASecondThenDirectAgainWhenRestored(Cut cut, int rate) {
        SimSession s = SimSession.onDirect();
        VirtualScheduler clock = s.clock;
        SimPeer a = s.a;
        SimPeer b = s.b;
        SimPath direct = s.direct;
        assertEquals(PathKind.DIRECT, a.currentKind());
        assertEquals(PathKind.DIRECT, b.currentKind());

        a.stream(rate, Duration.ofSeconds(10));
        b.stream(rate, Duration.ofSeconds(10));
        clock.runFor(Duration.ofSeconds(2));
        long cutAt = clock.nanoTime();
        direct.aToB.cut(cut != Cut.B_TO_A);
        direct.bToA.cut(cut != Cut.A_TO_B);
        clock.runFor(Duration.ofSeconds(4));

        for (SimPeer p : List.of(a, b)) {
            assertEquals(PathKind.RELAY, p.currentKind(), "both sides agree on the relay: " + p);
            PathChange fallback = p.changes.get(p.changes.size() - 1);
            long fallbackAfter = fallback.atNanos() - cutAt;
            assertTrue(fallbackAfter < SECOND.toNanos(), p.name + " fell back after " + fallbackAfter / 1e6 + " ms");
            assertEquals(PathState.DEAD, p.stats(s.directOf(p)).state(), p.toString());
        }

        direct.cut(false);
        clock.runFor(Duration.ofSeconds(6));
        for (SimPeer[] pair : s.directions()) {
            SimPeer receiver = pair[0];
            SimPeer sender = pair[1];
            assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT, PathKind.RELAY, PathKind.DIRECT),
                    receiver.changeKinds(), receiver.toString());
            assertTrue(receiver.longestSilence < SECOND.toNanos(),
                    receiver.name + " went " + receiver.longestSilence / 1e6 + " ms without data");
            long lost = receiver.lostFrom(sender);
            assertTrue(lost <= rate, receiver.name + " lost " + lost + ", more than a second's worth: " + receiver);
            assertEquals(0, receiver.deliveredTwice, receiver.toString());
            assertEquals(0, receiver.reordered, "nothing reordered, on the way back to direct either: " + receiver);
        }
        s.finish();
    }
}
