package dev.punchline.ice.net;

import io.netty.buffer.ByteBuf;

/** A STUN datagram's class, read from its type field without decoding it. */
final class StunKinds {
    /** The class bits C1 (0x0100) and C0 (0x0010) of the message type (RFC 8489 §5). */
    private static final int CLASS_BITS = 0x0110;
    private static final int REQUEST = 0x0000;
    private static final int INDICATION = 0x0010;
    private static final int BINDING = 0x0001;

    private StunKinds() {
    }

    /** For a datagram that looks like STUN: whether it is a success or error response. */
    static boolean isResponse(ByteBuf stun) {
        int bits = stun.getUnsignedShort(stun.readerIndex()) & CLASS_BITS;
        return bits != REQUEST && bits != INDICATION;
    }

    /** For a datagram that looks like STUN: whether it is a Binding indication (type 0x0011). */
    static boolean isBindingIndication(ByteBuf stun) {
        return stun.getUnsignedShort(stun.readerIndex()) == (INDICATION | BINDING);
    }
}
