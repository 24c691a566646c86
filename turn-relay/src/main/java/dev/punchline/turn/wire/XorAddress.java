package dev.punchline.turn.wire;

import java.net.InetSocketAddress;

/**
 * XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS or XOR-RELAYED-ADDRESS (RFC 8489 §14.2, RFC 8656 §18.3, §18.5):
 * one shape for all three, told apart by {@link #type()}. The address is held in clear.
 */
public record XorAddress(int type, InetSocketAddress address) implements StunAttribute {
    public XorAddress {
        if (type != AttributeType.XOR_MAPPED_ADDRESS && type != AttributeType.XOR_PEER_ADDRESS
                && type != AttributeType.XOR_RELAYED_ADDRESS) {
            throw new IllegalArgumentException("not an XOR address attribute: " + AttributeType.name(type));
        }
    }

    public static XorAddress mapped(InetSocketAddress address) {
        return new XorAddress(AttributeType.XOR_MAPPED_ADDRESS, address);
    }

    public static XorAddress peer(InetSocketAddress address) {
        return new XorAddress(AttributeType.XOR_PEER_ADDRESS, address);
    }

    public static XorAddress relayed(InetSocketAddress address) {
        return new XorAddress(AttributeType.XOR_RELAYED_ADDRESS, address);
    }
}
