package dev.punchline.turn.wire;

/** REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.8): 1 IPv4, 2 IPv6; other values decode so the server can answer 440. */
public record RequestedAddressFamily(int family) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.REQUESTED_ADDRESS_FAMILY;
    }
}
