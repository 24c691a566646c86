package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Feeds part of a message to a digest (HMAC or CRC-32) without copying it, with the header's length field
 * replaced: both MESSAGE-INTEGRITY and FINGERPRINT are computed as if the message ended right after them.
 */
final class Digests {
    /** RFC 8489 §14.7: the CRC is XORed with this so FINGERPRINT differs from a CRC of other protocols. */
    static final int FINGERPRINT_XOR = 0x5354554e;

    private Digests() {
    }

    static void updateWithLength(Consumer<ByteBuffer> digest, ByteBuf msg, int start, int end, int lengthField) {
        digest.accept(msg.nioBuffer(start, StunHeader.LENGTH_OFFSET));
        digest.accept(ByteBuffer.wrap(new byte[] {(byte) (lengthField >> 8), (byte) lengthField}));
        int rest = start + StunHeader.COOKIE_OFFSET;
        digest.accept(msg.nioBuffer(rest, end - rest));
    }

    /** FINGERPRINT's value for {@code msg[start, attributeOffset)} (RFC 8489 §14.7). */
    static int fingerprint(ByteBuf msg, int start, int attributeOffset) {
        CRC32 crc = new CRC32();
        int lengthField = attributeOffset - start - StunHeader.LENGTH + StunHeader.ATTRIBUTE_HEADER + 4;
        updateWithLength(crc::update, msg, start, attributeOffset, lengthField);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
