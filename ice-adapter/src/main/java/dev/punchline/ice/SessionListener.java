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
     * The local description changed: an ICE restart (new credentials), and with it a new relayed candidate after
     * the old allocation was lost. Signal it to the peer, which applies the whole of it with
     * {@link Session#applyRemoteDescription} and then announces its own answering description (see {@link Session},
     * "Description changes").
     */
    default void localDescriptionChanged(SessionDescription description, String why) {
    }

    /** A local candidate found after {@link Session#localDescription()} was taken: trickle it (RFC 8838). */
    default void localCandidate(Candidate candidate, String ufrag) {
    }

    /** Local gathering for {@code ufrag} is over: signal end-of-candidates. */
    default void gatheringDone(String ufrag) {
    }

    /**
     * Our TURN allocation was lost: its server stopped answering (a liveness check unanswered for a few seconds),
     * forgot it, or sees us at another address (a NAT rebinding). The session re-allocates — on another relay
     * first if the server is the trouble — and then reports a new local description.
     */
    default void relayLost(String reason) {
    }

    /** The session could not get a new allocation after a loss; it goes on on whatever direct path it has. */
    default void relayUnavailable(Throwable cause) {
    }
}
