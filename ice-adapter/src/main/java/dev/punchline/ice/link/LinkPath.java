package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

/**
 * One way of reaching the peer, as the Link sees it: something that puts a datagram on that path (through
 * the TURN client for a relay path, onto a UDP socket towards the peer's address for a direct one). The
 * datagrams that come back the same way are handed to the {@link PathHandle} that {@link Link#addPath}
 * returned for it, so the Link can tell which path a frame arrived on.
 */
public interface LinkPath {

    /** Stable name of the path for events, statistics and logs, e.g. {@code "relay:203.0.113.5:3478"}. */
    String id();

    PathKind kind();

    /**
     * Sends one datagram on this path. Takes over the caller's reference (releases it exactly once, when
     * written or dropped) and never throws because of the network — the same contract as
     * {@code dev.punchline.ice.net.DatagramSender}.
     */
    void send(ByteBuf datagram);
}
