package dev.punchline.turn.wire;

/** REQUESTED-TRANSPORT (RFC 8656 §18.7): an IANA protocol number, 17 for UDP. */
public record RequestedTransport(int protocol) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.REQUESTED_TRANSPORT;
    }
}
