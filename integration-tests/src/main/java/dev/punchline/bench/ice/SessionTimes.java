package dev.punchline.bench.ice;

import java.time.Duration;
import java.util.Optional;

/**
 * What one session measured, every time counted from the moment the remote descriptions were applied.
 *
 * @param offererToAnswerer when the answerer's application received the offerer's first packet
 * @param answererToOfferer when the offerer's application received the answerer's first packet
 * @param direct when both sides carried the traffic on a direct path; empty if it stayed on the relay
 * @param path how the selected pair was made up, e.g. {@code relay-relay} or {@code srflx-prflx}
 * @param lost packets of the application's stream sent before any cut that never arrived, both directions (-1: not
 *             measured): the switch to direct
 * @param reordered packets that arrived after a later one, both directions (-1: not measured)
 * @param fallback from the direct path cut both ways to both sides on the relay; empty if not measured
 * @param cutLost packets sent after the cut that never arrived, both directions (0 when there was no cut)
 */
record SessionTimes(Duration offererToAnswerer, Duration answererToOfferer, Optional<Duration> direct, String path,
        long lost, long reordered, Optional<Duration> fallback, long cutLost) {

    /** A session whose stream was not counted (standard ice4j sends only a few packets, after completion). */
    SessionTimes(Duration offererToAnswerer, Duration answererToOfferer, Optional<Duration> direct, String path) {
        this(offererToAnswerer, answererToOfferer, direct, path, -1, -1, Optional.empty(), 0);
    }

    /** The later of the two directions: when both applications had heard from each other. */
    Duration bothWays() {
        return offererToAnswerer.compareTo(answererToOfferer) >= 0 ? offererToAnswerer : answererToOfferer;
    }
}
