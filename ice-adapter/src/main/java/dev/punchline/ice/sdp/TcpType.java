package dev.punchline.ice.sdp;

/** The {@code tcptype} extension of TCP candidates (RFC 6544 §4.5). */
public enum TcpType implements SdpToken {
    ACTIVE("active"),
    PASSIVE("passive"),
    SIMULTANEOUS_OPEN("so");

    private final String token;

    TcpType(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
