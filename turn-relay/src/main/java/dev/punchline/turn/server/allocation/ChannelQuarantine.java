package dev.punchline.turn.server.allocation;

import io.netty.util.collection.IntObjectHashMap;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Channel bindings that have expired but still hold their number and peer (RFC 8656 §12): for five minutes neither may
 * be bound to anything else, so that ChannelData still in flight for the old binding can never reach a new peer. The
 * same number and peer may be bound again at once. Loop-confined, like the allocation that owns it.
 */
final class ChannelQuarantine {

    private record Held(int number, InetSocketAddress peer, long until) {
    }

    private final long durationNanos;
    private final IntObjectHashMap<Held> byNumber = new IntObjectHashMap<>(4);
    private final Map<InetSocketAddress, Held> byPeer = new HashMap<>(4);

    ChannelQuarantine(long durationNanos) {
        this.durationNanos = durationNanos;
    }

    /** The binding of {@code number} to {@code peer} expired {@code now}. */
    void hold(int number, InetSocketAddress peer, long now) {
        Held held = new Held(number, peer, now + durationNanos);
        byNumber.put(number, held);
        byPeer.put(peer, held);
    }

    /** Whether binding {@code number} to {@code peer} would reuse a quarantined number or peer for something else. */
    boolean forbids(int number, InetSocketAddress peer, long now) {
        Held heldNumber = live(byNumber.get(number), now);
        Held heldPeer = live(byPeer.get(peer), now);
        return (heldNumber != null && !heldNumber.peer.equals(peer)) || (heldPeer != null && heldPeer.number != number);
    }

    /** {@code number} is bound to {@code peer} again: what held them is over. */
    void release(int number, InetSocketAddress peer) {
        byNumber.remove(number);
        byPeer.remove(peer);
    }

    /** Forgets what has served its time. */
    void purge(long now) {
        byNumber.values().removeIf(held -> held.until - now <= 0);
        byPeer.values().removeIf(held -> held.until - now <= 0);
    }

    void clear() {
        byNumber.clear();
        byPeer.clear();
    }

    private static Held live(Held held, long now) {
        return held != null && held.until - now > 0 ? held : null;
    }
}
