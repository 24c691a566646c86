package dev.punchline.ice.control;

/** An ICE candidate's type (RFC 8445 §5.1.1), as written in {@code a=candidate} ("typ host" and so on). */
public enum CandidateKind {
    HOST("host"),
    SERVER_REFLEXIVE("srflx"),
    PEER_REFLEXIVE("prflx"),
    RELAYED("relay");

    private final String sdpName;

    CandidateKind(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The name {@code a=candidate} uses after "typ". */
    public String sdpName() {
        return sdpName;
    }
}
