package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Writes a whole message: header, attributes, then MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT, each computed
 * with the length field covering the message up to and including itself (RFC 8489 §14.5-14.7).
 */
final class StunEncoder {
    private static final int FINGERPRINT_LENGTH = 4;

    private StunEncoder() {
    }

    static void encode(ByteBuf out, int method, StunClass cls, TransactionId id, List<StunAttribute> attributes,
                       Integrity integrity, boolean fingerprint) {
        int start = out.writerIndex();
        try {
            out.writeShort(MessageType.of(method, cls));
            out.writeShort(0);
            out.writeInt(StunHeader.MAGIC_COOKIE);
            id.writeTo(out);
            for (StunAttribute attribute : attributes) {
                AttributeEncoder.write(out, start, attribute);
            }
            HmacAlgorithm algorithm = integrity.algorithm();
            if (algorithm != null) {
                int at = out.writerIndex();
                int length = bodyLength(out, start) + StunHeader.ATTRIBUTE_HEADER + algorithm.hmacLength;
                byte[] hmac = algorithm.compute(integrity.key(), out, start, at, length);
                out.writeShort(algorithm.attributeType).writeShort(algorithm.hmacLength).writeBytes(hmac);
            }
            if (fingerprint) {
                int at = out.writerIndex();
                int crc = Digests.fingerprint(out, start, at);
                out.writeShort(AttributeType.FINGERPRINT).writeShort(FINGERPRINT_LENGTH).writeInt(crc);
            }
            out.setShort(start + StunHeader.LENGTH_OFFSET, bodyLength(out, start));
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    private static int bodyLength(ByteBuf out, int start) {
        int length = out.writerIndex() - start - StunHeader.LENGTH;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("STUN message body over 65535 bytes");
        }
        return length;
    }
}
