package dev.punchline.ice;

import dev.punchline.ice.net.DropReason;
import java.util.Optional;

/**
 * Why a session dropped a datagram from the network (issue 4, behaviour 9): each is counted in
 * {@link Session#badInput()} and none disturbs the session.
 */
public enum BadInput {
    /**
     * Not a datagram this session can use: no protocol we know by its first byte, one the session does not carry
     * (RTP, DTLS, QUIC), STUN or a Link frame that does not decode.
     */
    MALFORMED,
    /**
     * ChannelData for a channel our TURN client has not bound, or ChannelData where none can be (not from a TURN
     * server of ours, or inside relayed data).
     */
    UNKNOWN_CHANNEL,
    /**
     * A STUN request without valid ICE credentials: no USERNAME, a USERNAME naming no local ufrag of ours, or a
     * MESSAGE-INTEGRITY that does not verify with our password. Dropped before ice4j sees it, unanswered.
     */
    STUN_BAD_CREDENTIALS,
    /** A STUN response to no transaction of ours, or an indication from no address our ICE agents know. */
    STUN_UNMATCHED,
    /**
     * A Link frame from the peer's address whose content cannot be the peer's: a sequence number far outside the
     * receive window, an acknowledgement of data or a reply to a probe never sent on that path. (A peer back from
     * an outage longer than the window also lands here until the window follows it.)
     */
    FORGED_FRAME,
    /** A Link frame from an address no path of ours leads to: not the peer's relayed address, nor a direct pair's. */
    FROM_UNKNOWN_SOURCE;

    /** The bad input a demultiplexer's drop is, empty for drops that are not the sender's fault. */
    static Optional<BadInput> of(DropReason reason) {
        return Optional.ofNullable(switch (reason) {
            // A session carries Link frames and STUN only: RTP or DTLS for it has no route (NO_ROUTE).
            case UNCLASSIFIED, STUN_MALFORMED, NO_ROUTE -> MALFORMED;
            case TURN_CLIENT_REFUSED, CHANNEL_DATA_UNEXPECTED -> UNKNOWN_CHANNEL;
            case STUN_NO_USERNAME, STUN_UNKNOWN_UFRAG -> STUN_BAD_CREDENTIALS;
            case STUN_RESPONSE_UNCLAIMED -> STUN_UNMATCHED;
            // A keepalive is normal; a handler that throws is our fault, counted by the demultiplexer.
            case STUN_KEEPALIVE, HANDLER_FAILED -> null;
        });
    }
}
