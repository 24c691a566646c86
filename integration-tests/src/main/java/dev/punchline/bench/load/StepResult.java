package dev.punchline.bench.load;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One step of load: the round-trip rate asked for, and what came of it over all sessions. A round trip is one frame
 * from a client to its peer and back; through a relay, each one that comes back was relayed twice.
 */
public record StepResult(double offeredPerSecond, long sent, long forgone, long received, long late, long reordered,
                         double sendingSeconds, Histogram roundTrips) {

    static StepResult of(double offeredPerSecond, List<LoopCounts> loops) {
        Histogram all = new Histogram(loops.get(0).roundTrips().getHighestTrackableValue(), 3);
        long sent = 0;
        long forgone = 0;
        long received = 0;
        long late = 0;
        long reordered = 0;
        long sendingNanos = 0;
        for (LoopCounts loop : loops) {
            sent += loop.sent();
            forgone += loop.forgone();
            received += loop.received();
            late += loop.late();
            reordered += loop.reordered();
            sendingNanos = Math.max(sendingNanos, loop.sendingNanos());
            all.add(loop.roundTrips());
        }
        return new StepResult(offeredPerSecond, sent, forgone, received, late, reordered,
                sendingNanos / (double) TimeUnit.SECONDS.toNanos(1), all);
    }

    /** Frames sent whose echo did not come back within the step and its drain, as a fraction of those sent. */
    public double loss() {
        return sent == 0 ? 0 : Math.max(0, sent - received) / (double) sent;
    }

    public double sentPerSecond() {
        return sent / sendingSeconds;
    }

    public double receivedPerSecond() {
        return received / sendingSeconds;
    }

    /** A round-trip time percentile, in microseconds. */
    public double roundTripMicros(double percentile) {
        return roundTrips.getValueAtPercentile(percentile) / 1_000.0;
    }
}
