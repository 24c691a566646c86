package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Parses one whole STUN message. Header problems that show the bytes are not STUN at all (short, top bits,
 * cookie) are reported without header fields, so that nobody answers them; everything after that carries
 * the header so that a request can be answered with 400 or 420.
 */
final class StunDecoder {
    private StunDecoder() {
    }

    static StunMessage decode(ByteBuf datagram) throws StunParseException {
        int start = datagram.readerIndex();
        int readable = datagram.readableBytes();
        if (readable < StunHeader.LENGTH) {
            throw StunParseException.malformed("shorter than a STUN header: " + readable + " bytes");
        }
        int type = datagram.getUnsignedShort(start);
        if ((type & 0xC000) != 0) {
            throw StunParseException.malformed("not STUN: the first two bits are not zero");
        }
        if (datagram.getInt(start + StunHeader.COOKIE_OFFSET) != StunHeader.MAGIC_COOKIE) {
            throw StunParseException.malformed("not STUN: wrong magic cookie");
        }
        int method = MessageType.method(type);
        StunClass cls = MessageType.messageClass(type);
        TransactionId id = TransactionId.read(datagram, start + StunHeader.TRANSACTION_ID_OFFSET);
        int length = datagram.getUnsignedShort(start + StunHeader.LENGTH_OFFSET);
        try {
            if (length % 4 != 0) {
                throw StunParseException.malformed("length " + length + " is not a multiple of 4");
            }
            if (length != readable - StunHeader.LENGTH) {
                throw StunParseException.malformed(
                        "length field says " + length + " bytes, " + (readable - StunHeader.LENGTH) + " follow");
            }
            ByteBuf raw = datagram.retainedSlice(start, readable);
            boolean ok = false;
            try {
                StunMessage message = new Attributes(raw, length).parse(method, cls, id);
                ok = true;
                return message;
            } finally {
                if (!ok) {
                    raw.release();
                }
            }
        } catch (StunParseException e) {
            throw e.withHeader(method, cls, id);
        }
    }

    /** The state of one pass over the attributes. */
    private static final class Attributes {
        private final ByteBuf raw;
        private final int end;
        private final List<StunAttribute> list = new ArrayList<>(8);
        private int[] seen = new int[8];
        private int seenCount;
        private int[] unknown;
        private int unknownCount;
        private int integrityAt = -1;
        private int integritySha256At = -1;
        private int integritySha256Length;
        private int fingerprintAt = -1;

        Attributes(ByteBuf raw, int length) {
            this.raw = raw;
            this.end = StunHeader.LENGTH + length;
        }

        StunMessage parse(int method, StunClass cls, TransactionId id) throws StunParseException {
            int at = StunHeader.LENGTH;
            while (at < end) {
                // The body length is a multiple of 4, so a 4-byte attribute header always fits here.
                int type = raw.getUnsignedShort(at);
                int length = raw.getUnsignedShort(at + 2);
                int next = at + StunHeader.ATTRIBUTE_HEADER + StunHeader.padded(length);
                if (next > end) {
                    throw StunParseException.malformed(AttributeType.name(type) + " runs past the end");
                }
                if (!isIgnored(type) && isFirst(type)) {
                    take(type, at, length);
                }
                at = next;
            }
            if (unknownCount > 0) {
                throw StunParseException.unknownAttributes(Arrays.copyOf(unknown, unknownCount));
            }
            return new StunMessage(raw, method, cls, id, Collections.unmodifiableList(list), integrityAt,
                    integritySha256At, integritySha256Length, fingerprintAt);
        }

        /**
         * RFC 8489 §14.5-14.7: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count,
         * after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT, and FINGERPRINT is last. What follows is
         * unprotected, so it must not influence anything.
         */
        private boolean isIgnored(int type) {
            if (fingerprintAt >= 0) {
                return true;
            }
            if (integritySha256At >= 0) {
                return type != AttributeType.FINGERPRINT;
            }
            return integrityAt >= 0 && type != AttributeType.FINGERPRINT
                    && type != AttributeType.MESSAGE_INTEGRITY_SHA256;
        }

        /**
         * Only the first copy of an attribute counts (RFC 8489 §14). A second copy of a comprehension-required
         * one is refused outright, since which copy a peer acted on could differ; optional copies are dropped.
         * Unknown types are listed once in the 420 however often they appear.
         */
        private boolean isFirst(int type) throws StunParseException {
            for (int i = 0; i < seenCount; i++) {
                if (seen[i] == type) {
                    if (AttributeType.isRepeatable(type)) {
                        return true;
                    }
                    if (AttributeType.isComprehensionRequired(type) && AttributeType.isUnderstood(type)) {
                        throw StunParseException.malformed("duplicate " + AttributeType.name(type));
                    }
                    return false;
                }
            }
            if (seenCount == seen.length) {
                seen = Arrays.copyOf(seen, seenCount * 2);
            }
            seen[seenCount++] = type;
            return true;
        }

        private void take(int type, int at, int length) throws StunParseException {
            if (!AttributeType.isUnderstood(type) && AttributeType.isComprehensionRequired(type)) {
                if (unknown == null) {
                    unknown = new int[4];
                } else if (unknownCount == unknown.length) {
                    unknown = Arrays.copyOf(unknown, unknownCount * 2);
                }
                unknown[unknownCount++] = type;
                return;
            }
            list.add(AttributeDecoder.decode(type, raw, 0, at + StunHeader.ATTRIBUTE_HEADER, length));
            switch (type) {
                case AttributeType.MESSAGE_INTEGRITY -> integrityAt = at;
                case AttributeType.MESSAGE_INTEGRITY_SHA256 -> {
                    integritySha256At = at;
                    integritySha256Length = length;
                }
                case AttributeType.FINGERPRINT -> fingerprintAt = at;
                default -> {
                }
            }
        }
    }
}
