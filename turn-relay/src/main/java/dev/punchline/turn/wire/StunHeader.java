package dev.punchline.turn.wire;

/** Fixed facts of the 20-byte STUN header (RFC 8489 §5) shared by the decoder, encoder and framers. */
final class StunHeader {
    static final int LENGTH = 20;
    static final int MAGIC_COOKIE = 0x2112A442;
    /** Offsets inside the header. */
    static final int LENGTH_OFFSET = 2;
    static final int COOKIE_OFFSET = 4;
    static final int TRANSACTION_ID_OFFSET = 8;
    /** Attribute header: 16-bit type and 16-bit length. */
    static final int ATTRIBUTE_HEADER = 4;

    private StunHeader() {
    }

    /** Attribute values are padded to a multiple of four bytes (RFC 8489 §14). */
    static int padded(int length) {
        return (length + 3) & ~3;
    }
}
