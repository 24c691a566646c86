package dev.punchline.ice.net;

/** Why {@link Demultiplexer} dropped a datagram; each has a counter in {@link DemuxCounters}. */
public enum DropReason {
    /** First byte in no range we route (see {@link PacketClass#UNKNOWN}), or empty. */
    UNCLASSIFIED,
    /** A STUN request or indication that does not decode (bad length, attribute overrun, ...). */
    STUN_MALFORMED,
    /** A Binding indication without USERNAME: an ICE keepalive (RFC 8445 §11), normal, nothing to deliver. */
    STUN_KEEPALIVE,
    /** A STUN request or other indication without USERNAME: no way to tell which ICE agent it is for. */
    STUN_NO_USERNAME,
    /** A STUN request or indication whose USERNAME names no ufrag registered here. */
    STUN_UNKNOWN_UFRAG,
    /** A STUN response (not our TURN client's) with no STUN fallback to take it. */
    STUN_RESPONSE_UNCLAIMED,
    /** ChannelData from a TURN server we use that its client did not take. */
    TURN_CLIENT_REFUSED,
    /** ChannelData from an address that is not a TURN server we use, or inside relayed data. */
    CHANNEL_DATA_UNEXPECTED,
    /** A Link frame, RTP/RTCP or DTLS from a source with no route and no fallback for its class. */
    NO_ROUTE,
    /** The handler threw. */
    HANDLER_FAILED
}
