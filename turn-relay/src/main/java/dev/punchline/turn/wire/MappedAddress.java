package dev.punchline.turn.wire;

/** MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive address in clear, kept for RFC 3489 clients. */
public record MappedAddress(java.net.InetSocketAddress address) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.MAPPED_ADDRESS;
    }
}
