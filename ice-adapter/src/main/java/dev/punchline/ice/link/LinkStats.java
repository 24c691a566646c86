package dev.punchline.ice.link;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a Link's statistics: each path's, and the Link's own.
 *
 * @param sent            application packets accepted by {@link Link#send}
 * @param delivered       application packets handed to the listener
 * @param rateLimited     packets dropped before the peer had answered: beyond the budget for that, with no room left to wait
 * @param noPath          packets dropped because the Link had no path at all
 * @param givenUp         sequence numbers skipped at the receiver: lost, or arrived too late to be in order
 * @param lateArrivals    packets that arrived after their gap had been given up (delivered out of order)
 * @param resyncs         times the receive window moved to a far-off sequence number (long outage or restart)
 * @param delayDifference the measured one-way delay difference between paths, null before any
 * @param hold            how long an early packet would be held now
 * @param malformed       datagrams that were not a valid frame, on every path (removed ones included)
 * @param forged          frames with a sequence number far outside the receive window (forged, or a peer back
 *                        from a long outage before the window follows it), acknowledging data or answering
 *                        probes never sent; on every path, removed ones included
 */
public record LinkStats(
        List<PathStats> paths,
        long sent,
        long delivered,
        long rateLimited,
        long noPath,
        long givenUp,
        long lateArrivals,
        long resyncs,
        Duration delayDifference,
        Duration hold,
        long malformed,
        long forged) {
}
