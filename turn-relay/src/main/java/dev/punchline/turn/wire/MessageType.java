package dev.punchline.turn.wire;

/**
 * The 14-bit STUN message type interleaves the class bits C0 (bit 4) and C1 (bit 8) with the
 * method bits (RFC 8489 §5, figure 3); this is the one place that knows the layout.
 */
final class MessageType {
    private static final StunClass[] CLASSES = StunClass.values();

    private MessageType() {
    }

    static int of(int method, StunClass cls) {
        int c = cls.ordinal();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 1) << 4) | ((c & 2) << 7);
    }

    static int method(int type) {
        return (type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80);
    }

    static StunClass messageClass(int type) {
        return CLASSES[((type >> 4) & 1) | ((type >> 7) & 2)];
    }
}
