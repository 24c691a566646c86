package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The two STUN integrity attributes and how their HMAC is computed over a message in a buffer
 * (RFC 8489 §14.5, §14.6): over everything before the attribute, with the header's length field as if
 * the message ended right after the attribute.
 */
enum HmacAlgorithm {
    SHA1(AttributeType.MESSAGE_INTEGRITY, "HmacSHA1", 20),
    SHA256(AttributeType.MESSAGE_INTEGRITY_SHA256, "HmacSHA256", 32);

    final int attributeType;
    final int hmacLength;
    private final String jcaName;
    /** Mac objects are not thread-safe and costly to look up; one per thread per algorithm. */
    private final ThreadLocal<Mac> macs;

    HmacAlgorithm(int attributeType, String jcaName, int hmacLength) {
        this.attributeType = attributeType;
        this.jcaName = jcaName;
        this.hmacLength = hmacLength;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                return Mac.getInstance(jcaName);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has " + jcaName, e);
            }
        });
    }

    SecretKeySpec key(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an integrity key must not be empty");
        }
        return new SecretKeySpec(key, jcaName);
    }

    /**
     * The HMAC of {@code msg[start, attributeOffset)} with the length field replaced by
     * {@code lengthField}.
     */
    byte[] compute(SecretKeySpec key, ByteBuf msg, int start, int attributeOffset, int lengthField) {
        Mac mac = macs.get();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable integrity key", e);
        }
        Digests.updateWithLength(mac::update, msg, start, attributeOffset, lengthField);
        return mac.doFinal();
    }

    /**
     * Whether the {@code hmac.length} bytes stored at {@code valueOffset} match; RFC 8489 §14.6 lets
     * MESSAGE-INTEGRITY-SHA256 be truncated, and the leading bytes are the ones kept. Constant-time so the
     * comparison leaks nothing about how much of a forged HMAC was right.
     */
    boolean verify(byte[] key, ByteBuf msg, int start, int attributeOffset, int storedLength) {
        if (key == null || key.length == 0) {
            return false;
        }
        int lengthField = attributeOffset - start - StunHeader.LENGTH + StunHeader.ATTRIBUTE_HEADER + storedLength;
        byte[] expected = compute(key(key), msg, start, attributeOffset, lengthField);
        byte[] stored = new byte[storedLength];
        msg.getBytes(attributeOffset + StunHeader.ATTRIBUTE_HEADER, stored);
        return MessageDigest.isEqual(Arrays.copyOf(expected, storedLength), stored);
    }
}
