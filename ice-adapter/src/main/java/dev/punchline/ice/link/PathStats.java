package dev.punchline.ice.link;

import java.time.Duration;

/**
 * A snapshot of one path's statistics. Durations are null where there is nothing to say yet (no RTT sample,
 * nothing received or acknowledged); losses are smoothed fractions of probes (0..1). "Packets" count every
 * datagram on the path (data and probes), "data" only the application's.
 *
 * @param primary          the path carries the data
 * @param copy             the path gets a copy of every packet beside the primary (confirming, or suspect)
 * @param lossOut          of our probes, the fraction the peer says it missed (towards the peer)
 * @param lossIn           of the peer's probes, the fraction we missed (from the peer)
 * @param sinceReceived    since a valid frame last arrived on this path (the peer-to-us direction)
 * @param sinceAcknowledged since the peer last acknowledged something we sent on it (the us-to-peer direction)
 * @param duplicates       data frames dropped as copies of ones already received
 * @param held             data frames held for reordering
 * @param releasedLate     held frames released when their hold ran out rather than when their gap filled
 * @param malformed        datagrams that were not a valid frame
 * @param outOfWindow      data frames refused for a sequence number far outside the receive window
 * @param forged           frames acknowledging data or answering probes never sent on this path
 * @param sendErrors       sends on this path that threw
 */
public record PathStats(
        String id,
        PathKind kind,
        PathState state,
        String reason,
        boolean primary,
        boolean copy,
        Duration rtt,
        double lossOut,
        double lossIn,
        Duration sinceReceived,
        Duration sinceAcknowledged,
        long packetsSent,
        long bytesSent,
        long packetsReceived,
        long bytesReceived,
        long dataSent,
        long dataReceived,
        long probesSent,
        long probesMissed,
        long duplicates,
        long held,
        long releasedLate,
        long malformed,
        long outOfWindow,
        long forged,
        long sendErrors) {
}
