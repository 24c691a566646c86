package dev.punchline.turn.server.metrics;

import java.util.Locale;

/** Why a packet was not relayed; each reason is one label value of the drops counter. */
public enum DropReason {
    /** Neither STUN nor ChannelData, or a STUN message that failed to parse and was not a request. */
    MALFORMED,
    /** A FINGERPRINT attribute that does not match. */
    BAD_FINGERPRINT,
    /** ChannelData, a Send indication or an unexpected STUN message from a client that holds no allocation. */
    NO_ALLOCATION,
    /** ChannelData on a channel number the allocation has not bound. */
    NO_CHANNEL,
    /** To or from a peer address the allocation holds no permission for (RFC 8656 §9). */
    NO_PERMISSION,
    /** A Send indication without XOR-PEER-ADDRESS or DATA, or with a peer of the wrong address family. */
    BAD_INDICATION,
    /** To one of this server's relayed addresses on which no allocation lives. */
    NO_SUCH_RELAY,
    /** Over the allocation's bandwidth cap. */
    BANDWIDTH,
    /** The outgoing socket's buffer was full; queueing would only add latency. */
    CONGESTION,
    /** The kernel refused the send (ICMP error reported, network unreachable, EPERM, EACCES). */
    SEND_FAILED,
    /** A STUN response or an indication other than Send, which a server never expects. */
    UNEXPECTED,
    /** A request from a 5-tuple without an allocation whose source had used up its request budget. */
    RATE_LIMITED;

    /** The Prometheus label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
