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
 */
record SessionTimes(Duration offererToAnswerer, Duration answererToOfferer, Optional<Duration> direct, String path) {

    /** The later of the two directions: when both applications had heard from each other. */
    Duration bothWays() {
        return offererToAnswerer.compareTo(answererToOfferer) >= 0 ? offererToAnswerer : answererToOfferer;
    }
}
