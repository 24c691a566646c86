package dev.punchline.ice.sdp;

/** {@code cand-type} of RFC 8839 §5.1. */
public enum CandidateType implements SdpToken {
    HOST("host"),
    SERVER_REFLEXIVE("srflx"),
    PEER_REFLEXIVE("prflx"),
    RELAYED("relay");

    private final String token;

    CandidateType(String token) {
        this.token = token;
    }

    /** The spelling after {@code typ}. */
    @Override
    public String token() {
        return token;
    }
}
