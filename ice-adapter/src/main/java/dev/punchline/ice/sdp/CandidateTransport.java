package dev.punchline.ice.sdp;

import java.util.Locale;

/** The transport of a candidate: UDP (RFC 8445) or TCP (RFC 6544). Case-insensitive on the wire. */
public enum CandidateTransport {
    UDP, TCP;

    /** The RFC's spelling; browsers write lower case, and both are read. */
    public String token() {
        return name();
    }

    static CandidateTransport parse(String text) throws SdpParseException {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "UDP" -> UDP;
            case "TCP" -> TCP;
            default -> throw new SdpParseException("transport", text, "is not UDP or TCP");
        };
    }
}
