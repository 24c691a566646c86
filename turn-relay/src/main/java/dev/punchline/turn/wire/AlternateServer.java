package dev.punchline.turn.wire;

/** ALTERNATE-SERVER (RFC 8489 §14.15): where a 300 Try Alternate sends the client. */
public record AlternateServer(java.net.InetSocketAddress address) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.ALTERNATE_SERVER;
    }
}
