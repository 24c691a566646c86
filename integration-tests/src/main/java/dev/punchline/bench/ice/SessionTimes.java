package dev.punchline.bench.ice;

import java.time.Duration;
import java.util.Optional;

/**
 * What one session measured. Each direction's first packet counts from when its sender applied the other side's
 * description (the earliest it may send): standard ice4j applies both at once, Punchline's answerer applies the
 * offer a permission round trip before the offerer gets the answer.
 *
 * @param offererToAnswerer from the offerer applying the answer to the answerer's application receiving the
 *                          offerer's first packet
 * @param answererToOfferer from the answerer applying the offer to the offerer's application receiving the
 *                          answerer's first packet
 * @param direct from the first description applied to both sides carrying the traffic on a direct path; empty if
 *               it stayed on the relay
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

    /** The slower of the two directions (each on its own clock). */
    Duration slowerDirection() {
        return offererToAnswerer.compareTo(answererToOfferer) >= 0 ? offererToAnswerer : answererToOfferer;
    }
}
