package dev.punchline.bench.ice;

import dev.punchline.bench.BenchTimings;
import dev.punchline.ice.control.IceRole;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Punchline session between two lab hosts. Both sides open (allocate, gather); the answerer applies the offer
 * and its application starts sending at once; once the answerer's permissions for the offer are installed, the
 * offerer applies the answer (signalling in process) and its application starts sending at once. Each direction's
 * first packet is timed from when its sender applied the other's description: offerer to answerer from the offerer
 * applying the answer, answerer to offerer from the answerer applying the offer (a packet the offerer can only
 * deliver once it has the answer, so this one includes the answerer's permission round trip). The time to the
 * direct path counts from the answerer applying the offer, the first description applied. The session then runs
 * until both sides are direct (or, relay only, a short while), so
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
            CompletableFuture<Void> permitted = answerer.session()
                    .applyRemoteDescription(offerer.session().localDescription());
            answerer.startSending();
            permitted.get(timeout, TimeUnit.MILLISECONDS); // The answer goes out once the offer is permitted.
            long answerApplied = System.nanoTime();
            CompletableFuture<Void> offererPermitted = offerer.session()
                    .applyRemoteDescription(answerer.session().localDescription());
            offerer.startSending();
            offererPermitted.get(timeout, TimeUnit.MILLISECONDS);

            long toAnswerer = answerer.firstReceived().get(timeout, TimeUnit.MILLISECONDS) - answerApplied;
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
