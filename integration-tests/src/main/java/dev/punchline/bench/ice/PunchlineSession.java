package dev.punchline.bench.ice;

import dev.punchline.bench.BenchTimings;
import dev.punchline.ice.control.IceRole;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Punchline session between two lab hosts. Both sides open (allocate, gather); the origin is when the answerer
 * starts applying the offer (it installs permissions before it answers, a relay round trip that counts here), then
 * the offerer applies the answer at once (signalling in process). Each application sends from the moment its own
 * description is applied. The session then runs until both sides are direct (or, relay only, a short while), so
 * loss and reordering across the switch are counted; where it went direct, the direct path is then cut both ways
 * and the time until both sides are back on the relay measured (the stream's loss includes that window).
 */
final class PunchlineSession {

    private PunchlineSession() {
    }

    static SessionTimes run(IceLab lab, IceLab.PeerPair peers, boolean expectDirect) throws Exception {
        InetSocketAddress turn = lab.turnAddress();
        try (PunchlinePeer offerer = PunchlinePeer.open(peers.offerer(), IceRole.CONTROLLING, turn);
             PunchlinePeer answerer = PunchlinePeer.open(peers.answerer(), IceRole.CONTROLLED, turn)) {
            offerer.trickleTo(answerer);
            answerer.trickleTo(offerer);
            long timeout = BenchTimings.SESSION_TIMEOUT.toMillis();
            long origin = System.nanoTime();
            answerer.session().applyRemoteDescription(offerer.session().localDescription())
                    .get(timeout, TimeUnit.MILLISECONDS);
            answerer.startSending();
            offerer.session().applyRemoteDescription(answerer.session().localDescription())
                    .get(timeout, TimeUnit.MILLISECONDS);
            offerer.startSending();

            long toAnswerer = answerer.firstReceived().get(timeout, TimeUnit.MILLISECONDS) - origin;
            long toOfferer = offerer.firstReceived().get(timeout, TimeUnit.MILLISECONDS) - origin;
            Optional<Duration> direct = Optional.empty();
            if (expectDirect) {
                long deadline = System.nanoTime() + BenchTimings.SESSION_TIMEOUT.toNanos();
                while (!(offerer.onDirect() && answerer.onDirect()) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                if (offerer.onDirect() && answerer.onDirect()) {
                    direct = Optional.of(Duration.ofNanos(Math.max(offerer.direct().getNow(0L),
                            answerer.direct().getNow(0L)) - origin));
                }
            }
            Thread.sleep(BenchTimings.AFTER_SWITCH.toMillis());
            // What was sent well before the cut (it had time to arrive) counts for the switch; the rest, for the cut.
            long offererBeforeCut = offerer.sent();
            long answererBeforeCut = answerer.sent();
            Thread.sleep(BenchTimings.IN_FLIGHT.toMillis());
            Optional<Duration> fallback = direct.isPresent() ? fallBack(lab, peers, offerer, answerer)
                    : Optional.empty();
            long offererSent = offerer.stopSending();
            long answererSent = answerer.stopSending();
            Thread.sleep(BenchTimings.DRAIN.toMillis());
            long lost = answerer.lost(0, offererBeforeCut) + offerer.lost(0, answererBeforeCut);
            long cutLost = answerer.lost(offererBeforeCut, offererSent) + offerer.lost(answererBeforeCut, answererSent);
            long reordered = answerer.reordered() + offerer.reordered();
            return new SessionTimes(Duration.ofNanos(toAnswerer), Duration.ofNanos(toOfferer), direct,
                    direct.isPresent() ? "direct" : "relay", lost, reordered, fallback, cutLost);
        }
    }

    /**
     * Cuts the direct path both ways and waits until both sides are on the relay; the stream goes on, so its loss
     * counts the fallback window too. Empty if they are not back on the relay in time.
     */
    private static Optional<Duration> fallBack(IceLab lab, IceLab.PeerPair peers, PunchlinePeer offerer,
            PunchlinePeer answerer) throws InterruptedException {
        try (var cut = lab.cut(peers)) {
            long cutAt = System.nanoTime();
            long deadline = cutAt + BenchTimings.SESSION_TIMEOUT.toNanos();
            while ((offerer.onDirect() || answerer.onDirect()) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            long back = System.nanoTime() - cutAt;
            Thread.sleep(BenchTimings.AFTER_SWITCH.toMillis());
            return offerer.onDirect() || answerer.onDirect() ? Optional.empty()
                    : Optional.of(Duration.ofNanos(back));
        }
    }
}
