package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded STUN message. It holds a retained slice of the bytes it was decoded from, because integrity and
 * fingerprint are checked over those exact bytes and DATA payloads are slices of them; {@link #release()}
 * gives that slice back. Messages to send are written with {@link #builder}.
 */
public final class StunMessage extends AbstractReferenceCounted {
    private final ByteBuf raw;
    private final int method;
    private final StunClass messageClass;
    private final TransactionId transactionId;
    private final List<StunAttribute> attributes;
    private final int integrityAt;
    private final int integritySha256At;
    private final int integritySha256Length;
    private final int fingerprintAt;

    StunMessage(ByteBuf raw, int method, StunClass messageClass, TransactionId transactionId,
                List<StunAttribute> attributes, int integrityAt, int integritySha256At, int integritySha256Length,
                int fingerprintAt) {
        this.raw = raw;
        this.method = method;
        this.messageClass = messageClass;
        this.transactionId = transactionId;
        this.attributes = attributes;
        this.integrityAt = integrityAt;
        this.integritySha256At = integritySha256At;
        this.integritySha256Length = integritySha256Length;
        this.fingerprintAt = fingerprintAt;
    }

    /**
     * Decodes the readable bytes of {@code datagram} as exactly one STUN message, without moving its reader
     * index. The caller keeps its own reference to {@code datagram}; the returned message holds another
     * until it is released.
     */
    public static StunMessage decode(ByteBuf datagram) throws StunParseException {
        return StunDecoder.decode(datagram);
    }

    /**
     * Cheap demultiplexing (RFC 7983, RFC 8489 §6.3): zero top bits, the magic cookie, a length that is a
     * multiple of 4. Says nothing about whether the rest parses.
     */
    public static boolean looksLikeStun(ByteBuf buf) {
        int at = buf.readerIndex();
        return buf.readableBytes() >= StunHeader.LENGTH
                && (buf.getByte(at) & 0xC0) == 0
                && buf.getInt(at + StunHeader.COOKIE_OFFSET) == StunHeader.MAGIC_COOKIE
                && (buf.getUnsignedShort(at + StunHeader.LENGTH_OFFSET) & 3) == 0;
    }

    public static Builder builder(int method, StunClass cls, TransactionId id) {
        return new Builder(method, cls, id);
    }

    public int method() {
        return method;
    }

    public StunClass messageClass() {
        return messageClass;
    }

    public TransactionId transactionId() {
        return transactionId;
    }

    /**
     * In wire order; of a repeated attribute only the first copy, except XOR-PEER-ADDRESS and
     * XOR-RELAYED-ADDRESS, which may legitimately repeat; nothing that integrity does not cover.
     */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    public <T extends StunAttribute> Optional<T> attribute(Class<T> type) {
        for (StunAttribute a : attributes) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    public Optional<XorAddress> xorAddress(int type) {
        for (StunAttribute a : attributes) {
            if (a instanceof XorAddress x && x.type() == type) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }

    public List<XorAddress> xorAddresses(int type) {
        List<XorAddress> found = new ArrayList<>(2);
        for (StunAttribute a : attributes) {
            if (a instanceof XorAddress x && x.type() == type) {
                found.add(x);
            }
        }
        return found;
    }

    public boolean hasIntegrity() {
        return integrityAt >= 0 || integritySha256At >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintAt >= 0;
    }

    /**
     * Checks MESSAGE-INTEGRITY-SHA256 if present, else MESSAGE-INTEGRITY (RFC 8489 §9.2.4: the stronger one is
     * the one that counts). False if there is neither, or the key is empty.
     */
    public boolean verifyIntegrity(byte[] key) {
        if (integritySha256At >= 0) {
            return HmacAlgorithm.SHA256.verify(key, raw, 0, integritySha256At, integritySha256Length);
        }
        if (integrityAt >= 0) {
            return HmacAlgorithm.SHA1.verify(key, raw, 0, integrityAt, HmacAlgorithm.SHA1.hmacLength);
        }
        return false;
    }

    /**
     * How to protect the response to this request (RFC 8489 §9.2.4): with MESSAGE-INTEGRITY-SHA256 if the
     * request carried it, else with MESSAGE-INTEGRITY, which every client understands.
     */
    public Integrity responseIntegrity(byte[] key) {
        return integritySha256At >= 0 ? Integrity.sha256(key) : Integrity.sha1(key);
    }

    /** False if there is no FINGERPRINT or it does not match the bytes before it. */
    public boolean verifyFingerprint() {
        return fingerprintAt >= 0
                && raw.getInt(fingerprintAt + StunHeader.ATTRIBUTE_HEADER)
                == Digests.fingerprint(raw, 0, fingerprintAt);
    }

    @Override
    protected void deallocate() {
        raw.release();
    }

    @Override
    public StunMessage touch(Object hint) {
        raw.touch(hint);
        return this;
    }

    @Override
    public StunMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public StunMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public StunMessage touch() {
        return touch(null);
    }

    @Override
    public String toString() {
        return StunMethod.name(method) + " " + messageClass + " " + transactionId + " " + attributes;
    }

    /** Collects the attributes of a message to send; reusable, and each encode writes them afresh. */
    public static final class Builder {
        private final int method;
        private final StunClass cls;
        private final TransactionId id;
        private final List<StunAttribute> attributes = new ArrayList<>(8);

        private Builder(int method, StunClass cls, TransactionId id) {
            if (method < 0 || method > StunMethod.MAX) {
                throw new IllegalArgumentException("STUN methods are 12-bit: " + method);
            }
            this.method = method;
            this.cls = Objects.requireNonNull(cls, "class");
            this.id = Objects.requireNonNull(id, "transaction id");
        }

        /**
         * Adds an attribute, in order. MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT are refused here: they are
         * computed over the encoded bytes, see {@link #encode}.
         */
        public Builder add(StunAttribute attribute) {
            Objects.requireNonNull(attribute, "attribute");
            if (attribute instanceof MessageIntegrity || attribute instanceof MessageIntegritySha256
                    || attribute instanceof Fingerprint) {
                throw new IllegalArgumentException(AttributeType.name(attribute.type())
                        + " is computed by encode: pass an Integrity or the fingerprint flag");
            }
            attributes.add(attribute);
            return this;
        }

        /** A new buffer holding the message; the caller owns (and releases) it. */
        public ByteBuf encode(ByteBufAllocator alloc, Integrity integrity, boolean fingerprint) {
            ByteBuf out = alloc.buffer(estimatedLength());
            try {
                encodeTo(out, integrity, fingerprint);
                return out;
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
        }

        /** Appends the message at {@code out}'s writer index; on failure nothing is appended. */
        public void encodeTo(ByteBuf out, Integrity integrity, boolean fingerprint) {
            StunEncoder.encode(out, method, cls, id, attributes, Objects.requireNonNull(integrity, "integrity"),
                    fingerprint);
        }

        /** Enough for typical messages without growing; DATA is the only attribute that can be large. */
        private int estimatedLength() {
            int length = 128;
            for (StunAttribute a : attributes) {
                length += a instanceof Data d ? d.payload().readableBytes() + 8 : 24;
            }
            return length;
        }
    }
}
