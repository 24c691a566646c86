package dev.punchline.bench.ice;

import dev.punchline.bench.BenchTimings;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One session between two lab hosts with ice4j used the standard way: both sides gather, the descriptions are
 * exchanged in process, both apply them at the same instant (the origin), and each side's application sends once ICE
 * has completed there.
 */
final class StandardIce4jSession {

    private StandardIce4jSession() {
    }

    static SessionTimes run(IceLab.PeerPair peers, InetSocketAddress turn) throws Exception {
        try (StandardIce4jPeer offerer = StandardIce4jPeer.gather(peers.offerer(), true, turn);
             StandardIce4jPeer answerer = StandardIce4jPeer.gather(peers.answerer(), false, turn)) {
            long origin = System.nanoTime();
            offerer.applyRemote(answerer);
            answerer.applyRemote(offerer);
            offerer.start();
            answerer.start();
            long toAnswerer = await(answerer.firstReceived(), "the answerer's first packet") - origin;
            long toOfferer = await(offerer.firstReceived(), "the offerer's first packet") - origin;
            long completed = Math.max(await(offerer.completed(), "ICE on the offerer"),
                    await(answerer.completed(), "ICE on the answerer")) - origin;
            Optional<Duration> direct = offerer.selectedDirect() && answerer.selectedDirect()
                    ? Optional.of(Duration.ofNanos(completed)) : Optional.empty();
            return new SessionTimes(Duration.ofNanos(toAnswerer), Duration.ofNanos(toOfferer), direct,
                    offerer.selectedPath());
        }
    }

    private static long await(CompletableFuture<Long> event, String what) throws Exception {
        try {
            return event.get(BenchTimings.SESSION_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no " + what + " within " + BenchTimings.SESSION_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
