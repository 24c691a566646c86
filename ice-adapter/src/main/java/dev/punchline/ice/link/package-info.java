/**
 * The Link: one per peer, it chooses the path of every packet (DESIGN decision 3), independent of ice4j and
 * of sockets.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Link link = Link.builder()
 *         .scheduler(LinkScheduler.of(channel.eventLoop()))  // the thread every call below runs on
 *         .listener(listener)                                // onData (in order, no duplicates), onPathChange
 *         .framing(peerOfferedPunchlineFraming)              // false: bare packets towards a standard peer
 *         .followPeer(iceRole == CONTROLLED)
 *         .build();
 * PathHandle relay = link.addPath(relayPath);                // data flows on it at once (rate-limited until the peer is heard)
 * PathHandle direct = link.addPath(directPath);              // when ICE validates a direct pair
 * // demultiplexer: Link frames (first byte 4..15) arriving on a path go to that path's handle
 * relay.receive(datagram);
 * link.send(payload);                                        // leave LinkFrame.HEADER_LENGTH bytes of headroom
 * link.statistics(); link.close();
 * }</pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link dev.punchline.ice.link.LinkFrame} — the header between Punchline peers (layout there).
 * <li>{@link dev.punchline.ice.link.LinkPath}, {@link dev.punchline.ice.link.PathHandle} — the seam to
 *     whatever carries a path (TURN client, UDP socket), in both directions.
 * <li>{@code PathTracker} — a path's states (PROBING, TRUSTED, SUSPECT, DEAD) and liveness per direction;
 *     {@code PathSelector} — which path carries the data and which gets a copy.
 * <li>{@code ReceiveWindow} — deduplication; {@code ReorderBuffer} — the hold across a switch;
 *     {@code DelayDifference} — what bounds the hold; {@code TokenBucket} — sending before consent.
 * <li>{@link dev.punchline.ice.link.LinkScheduler} — the clock seam: the event loop, or a virtual clock in tests.
 * </ul>
 * Timings and their reasons are in {@link dev.punchline.ice.IceTimings}; counts and sizes in
 * {@link dev.punchline.ice.link.LinkConfig}.
 */
package dev.punchline.ice.link;
