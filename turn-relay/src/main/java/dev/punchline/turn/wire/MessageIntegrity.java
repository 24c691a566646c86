package dev.punchline.turn.wire;

import java.util.Arrays;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5) as read: 20 bytes of HMAC-SHA1. The encoder computes it, so the builder
 * refuses it.
 */
public record MessageIntegrity(byte[] hmac) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.MESSAGE_INTEGRITY;
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegrity other && Arrays.equals(hmac, other.hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MessageIntegrity[" + Hex.of(hmac) + "]";
    }
}
