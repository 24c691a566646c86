package dev.punchline.turn.wire;

import java.util.Arrays;

/** MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6) as read: 16 to 32 bytes of HMAC-SHA256. The encoder computes it. */
public record MessageIntegritySha256(byte[] hmac) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.MESSAGE_INTEGRITY_SHA256;
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegritySha256 other && Arrays.equals(hmac, other.hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MessageIntegritySha256[" + Hex.of(hmac) + "]";
    }
}
