package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

/**
 * A path's place in its Link, returned by {@link Link#addPath}: whoever owns the path's socket (the
 * demultiplexer, the TURN client) hands it what arrives on that path. Use on the Link's thread only.
 */
public final class PathHandle {
    private final Link link;
    final PathTracker tracker;

    PathHandle(Link link, PathTracker tracker) {
        this.link = link;
        this.tracker = tracker;
    }

    public LinkPath path() {
        return tracker.path;
    }

    public PathState state() {
        return tracker.state;
    }

    /** A datagram arrived on this path (the Link frame, or the bare packet of a standard peer). Takes over the reference. */
    public void receive(ByteBuf datagram) {
        link.receive(this, datagram);
    }

    /**
     * Towards a standard peer (no framing, hence no probes), the session says how the path is doing — from
     * ICE consent freshness, RFC 7675: fresh = TRUSTED, late = SUSPECT, lost = DEAD.
     *
     * @throws IllegalStateException between Punchline peers, where the Link's own probes decide
     */
    public void reportState(PathState state) {
        link.reportState(this, state);
    }

    /**
     * An ICE connectivity check succeeded on this path's 5-tuple: proof that a round trip works and that the peer
     * consents. Between Punchline peers a direct path so vouched for carries the data as soon as the peer's Link
     * is heard on it, with a copy on the relay until the Link's own probes confirm it (so nothing is lost if they
     * never do). Towards a standard peer
     * it changes nothing: {@link #reportState} says it all there.
     */
    public void iceValidated() {
        link.iceValidated(this);
    }

    /** Takes the path out of the Link (what it had delivered and held stays). */
    public void remove() {
        link.removePath(this);
    }
}
