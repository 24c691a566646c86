package dev.punchline.ice.link;

import java.time.Duration;

/**
 * The Link moved its data to another path.
 *
 * @param atNanos when, on the Link's clock ({@link LinkScheduler#nanoTime()})
 * @param from    the previous primary path, or null for the first choice
 * @param to      the new primary path, or null if the last path was removed
 * @param rtt     the new path's smoothed RTT, or null while it has none
 * @param reason  why, in words: e.g. "direct:10.0.0.2:5000 confirmed: 2 replies in a row, rtt 40.1 ms", or
 *                "direct:10.0.0.2:5000 suspect: nothing received for 512 ms" — also what tells a user why a
 *                peer is still relayed
 */
public record PathChange(long atNanos, LinkPath from, LinkPath to, Duration rtt, String reason) {

    @Override
    public String toString() {
        return (from == null ? "-" : from.id()) + " -> " + (to == null ? "-" : to.id())
                + (rtt == null ? "" : " (rtt " + rtt.toNanos() / 1e6 + " ms)") + ": " + reason;
    }
}
