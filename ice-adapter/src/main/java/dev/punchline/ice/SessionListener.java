package dev.punchline.ice;

import dev.punchline.ice.sdp.Candidate;
import io.netty.buffer.ByteBuf;

/**
 * What a {@link Session} reports. Every callback runs on the session's event loop, one at a time: none may
 * block, and none may call {@link Session#close()} (hand that to another thread).
 */
public interface SessionListener {

    /** A packet from the peer (between Punchline peers in order, without duplicates). Release it when done. */
    void onData(ByteBuf payload);

    /** The data moved to another path (the first choice included). */
    default void pathChanged(SessionPath path) {
    }

    /**
     * The local description changed: a new relay after the old one was lost, or an ICE restart (new credentials).
     * Signal it to the peer, which applies it with {@link Session#applyRemoteDescription}.
     */
    default void localDescriptionChanged(SessionDescription description, String why) {
    }

    /** A local candidate found after {@link Session#localDescription()} was taken: trickle it (RFC 8838). */
    default void localCandidate(Candidate candidate, String ufrag) {
    }

    /** Local gathering for {@code ufrag} is over: signal end-of-candidates. */
    default void gatheringDone(String ufrag) {
    }

    /** Our TURN allocation was lost; the session re-allocates (and then reports a new local description). */
    default void relayLost(String reason) {
    }

    /** The session could not get a new allocation after a loss; it goes on on whatever direct path it has. */
    default void relayUnavailable(Throwable cause) {
    }
}
