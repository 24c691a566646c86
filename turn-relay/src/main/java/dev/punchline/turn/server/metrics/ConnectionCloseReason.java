package dev.punchline.turn.server.metrics;

/** Why the server closed, or refused, a TCP or TLS client connection; counted. */
public enum ConnectionCloseReason {
    /** It held no allocation for the whole unallocated-connection timeout. */
    NO_ALLOCATION("no-allocation"),
    /** Its TLS handshake did not finish in time. */
    TLS_HANDSHAKE_TIMEOUT("tls-handshake-timeout"),
    /** Its TLS handshake failed (not TLS, no common version or cipher, bad record). */
    TLS_HANDSHAKE_FAILED("tls-handshake-failed"),
    /** The stream carried something that is neither STUN nor ChannelData. */
    MALFORMED("malformed"),
    /** Refused on arrival: its source address already holds as many connections as one source may. */
    PER_IP_LIMIT("per-ip-limit"),
    /** Refused on arrival: the server holds as many connections as it may. */
    TOTAL_LIMIT("total-limit");

    private final String label;

    ConnectionCloseReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
