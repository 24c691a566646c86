package dev.punchline.ice.control;

/** What {@link IceController#receive} did with a STUN datagram. */
public enum StunVerdict {
    /** Handed to an Agent (or a server-reflexive probe). */
    DELIVERED,
    /**
     * A request whose USERNAME names no local ufrag of ours, that carries no USERNAME, or whose MESSAGE-INTEGRITY
     * does not verify with the password of the ufrag it names (RFC 8445 §7.3, RFC 8489 §9.1.3): dropped before
     * ice4j sees it, unanswered, so a stranger can neither make an Agent learn a peer-reflexive candidate nor get
     * a response out of us.
     */
    BAD_CREDENTIALS,
    /** A response to no transaction of ours, or an indication from no address a live Agent knows. */
    UNMATCHED,
    /** Does not decode as STUN. */
    MALFORMED,
    /** Not taken for a reason of ours, not the sender's: the controller is closed, or ice4j's queue is gone. */
    REFUSED
}
