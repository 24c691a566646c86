package dev.punchline.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one event loop's sessions did in one step: frames sent, sends forgone because the loop fell behind its rate,
 * echoes received in time, echoes of earlier steps, echoes that overtook a later frame, how long it sent, and the
 * round-trip times (ns) of the echoes.
 */
record LoopCounts(long sent, long forgone, long received, long late, long reordered, long sendingNanos,
                  Histogram roundTrips) {
}
