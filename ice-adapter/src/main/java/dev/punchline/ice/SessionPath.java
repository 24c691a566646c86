package dev.punchline.ice;

import dev.punchline.ice.link.PathKind;

import java.time.Duration;
import java.time.Instant;

/**
 * The path a session's data takes, as a {@link SessionListener#pathChanged} event or {@link Session#currentPath()}.
 *
 * @param id     the Link's path id, e.g. {@code relay:203.0.113.5:49152} or {@code direct:10.0.0.2:5000}
 * @param kind   relay or direct
 * @param since  when the data moved onto it (wall clock)
 * @param rtt    its smoothed round-trip time, or null before any sample
 * @param reason why the data is here — for a relay path, why the peer is still relayed (e.g. "ICE selected the
 *               relay: no direct pair validated within 8000 ms", or the Link's "direct:... dead: ...")
 */
public record SessionPath(String id, PathKind kind, Instant since, Duration rtt, String reason) {

    @Override
    public String toString() {
        return kind + " " + id + (rtt == null ? "" : " rtt " + rtt.toNanos() / 1e6 + " ms") + " since " + since
                + ": " + reason;
    }
}
